using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace DossierTracking.IntegrationTests.Docs;

/// <summary>
/// jq, for reading one value out of a reply: <c>jq -r PATH</c> with a path of <c>.name</c> and <c>[index]</c> steps
/// (a negative index counts from the end, as in jq), e.g. <c>.receiptCode</c> or <c>.payments[-1].id</c>. Like jq,
/// a path that finds nothing prints <c>null</c>.
/// </summary>
public static partial class JqFilter
{
    [GeneratedRegex(@"\G(?:\.([A-Za-z_][A-Za-z0-9_]*)|\[(-?[0-9]+)\]|\.(?=\[|$))")]
    private static partial Regex Step();

    public static string Run(IReadOnlyList<string> args, string input, int line)
    {
        if (args is not ["-r", var path])
        {
            throw new ShellException(line, $"jq {string.Join(' ', args)}: the README test supports jq -r PATH");
        }

        JsonNode? node;
        try
        {
            node = JsonNode.Parse(input);
        }
        catch (JsonException e)
        {
            throw new ShellException(line, $"jq: the input is not one JSON value ({e.Message}): {input}");
        }

        if (path == ".")
        {
            return Print(node);
        }

        var position = 0;
        while (position < path.Length)
        {
            var step = Step().Match(path, position);
            if (!step.Success || step.Length == 0)
            {
                throw new ShellException(line, $"jq path '{path}': the README test supports .name and [index] steps");
            }

            position += step.Length;
            node = step.Groups[1].Success ? (node as JsonObject)?[step.Groups[1].Value]
                : step.Groups[2].Success ? Index(node as JsonArray, int.Parse(step.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture))
                : node;
        }

        return Print(node);
    }

    private static JsonNode? Index(JsonArray? array, int index)
    {
        if (array is null)
        {
            return null;
        }

        var at = index < 0 ? array.Count + index : index;
        return at >= 0 && at < array.Count ? array[at] : null;
    }

    private static string Print(JsonNode? node) =>
        (node switch
        {
            null => "null",
            JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
            _ => node.ToJsonString(),
        }) + "\n";
}
