using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Grpc.Core;

namespace DossierTracking.IntegrationTests.Docs;

/// <summary>
/// What the README says a command answers, from the comment right after it (on its line or the next ones) that starts
/// with <c>-&gt;</c>, with its indented continuation lines. <c># -&gt; PERMISSION_DENIED ...</c> (a gRPC status name
/// first) means the command must fail with that status; every <c>"name": "value"</c> in the comment must appear in
/// the reply (a field of that name with that value, at any depth). Without such a comment the command must succeed.
/// </summary>
public sealed partial record ReadmeExpectation(StatusCode? Status, IReadOnlyList<(string Name, string Value)> Fields)
{
    [GeneratedRegex(@"^\s*->\s*([A-Z][A-Z_]+)\b")]
    private static partial Regex StatusFirst();

    [GeneratedRegex("\"([A-Za-z_][A-Za-z0-9_]*)\": \"([^\"]*)\"")]
    private static partial Regex Field();

    public static ReadmeExpectation Of(ShellScript.Statement statement)
    {
        var start = statement.Comments.FindIndex(c => c.TrimStart().StartsWith("->", StringComparison.Ordinal));
        if (start < 0)
        {
            return new ReadmeExpectation(null, []);
        }

        var group = statement.Comments.Skip(start).Take(1)
            .Concat(statement.Comments.Skip(start + 1).TakeWhile(c => c.StartsWith("  ", StringComparison.Ordinal)))
            .ToList();
        var first = StatusFirst().Match(group[0]) is { Success: true } match ? match.Groups[1].Value : "";
        StatusCode? status = Enum.GetValues<StatusCode>().Where(s => Upper(s) == first).Select(s => (StatusCode?)s).FirstOrDefault();
        var fields = group.SelectMany(c => Field().Matches(c)).Select(m => (m.Groups[1].Value, m.Groups[2].Value)).ToList();
        return new ReadmeExpectation(status, fields);
    }

    /// <summary>Why the outcome is not what the README says, or null when it is.</summary>
    /// <param name="failure">The call's failure, or null when it succeeded.</param>
    /// <param name="replies">The replies of the grpcurl calls the command made.</param>
    public string? Check(RpcException? failure, IReadOnlyList<string> replies)
    {
        if (failure is not null)
        {
            return failure.StatusCode == Status ? null
                : $"failed with {Upper(failure.StatusCode)} ({failure.Status.Detail}){(Status is { } expected ? $", the README says {Upper(expected)}" : "")}";
        }

        if (Status is { } status && status != StatusCode.OK)
        {
            return $"succeeded, the README says it fails with {Upper(status)}";
        }

        if (Fields.Count == 0)
        {
            return null;
        }

        var documents = replies.Where(r => r.StartsWith('{')).Select(r => JsonNode.Parse(r)).ToList();
        var missing = Fields.Where(f => !documents.Any(d => Contains(d, f.Name, f.Value))).ToList();
        return missing.Count == 0 ? null
            : $"the reply has no {string.Join(", ", missing.Select(f => $"\"{f.Name}\": \"{f.Value}\""))}, which the README's comment says it has:\n{string.Join('\n', replies)}";
    }

    private static bool Contains(JsonNode? node, string name, string value) => node switch
    {
        JsonObject o => o.Any(p => (p.Key == name && p.Value is JsonValue v && v.ToString() == value) || Contains(p.Value, name, value)),
        JsonArray a => a.Any(item => Contains(item, name, value)),
        _ => false,
    };

    /// <summary>A status as the README and grpcurl's documentation write it: PERMISSION_DENIED.</summary>
    public static string Upper(StatusCode status) => Regex.Replace(status.ToString(), "(?<=[a-z])(?=[A-Z])", "_").ToUpperInvariant();
}
