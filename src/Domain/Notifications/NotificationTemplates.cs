using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using DossierTracking.Contracts.Notifications;

namespace DossierTracking.Domain.Notifications;

/// <summary>
/// The message templates, one per <see cref="NotificationKind"/>: data (a JSON object from kind to text), so the
/// province changes the wording without a release. A template names values as {placeholder}; "{{" and "}}" are
/// literal braces. <see cref="Parse"/> refuses a file that misses a kind or names a value the kind does not have.
/// </summary>
public sealed partial class NotificationTemplates
{
    /// <summary>
    /// The most characters one value brings into a message. A dossier's texts (the missing papers, a reason) run to
    /// 500 characters; an SMS in Vietnamese is billed by 70 characters, so a long value is cut and ends in "…".
    /// </summary>
    public const int MaxValueLength = 160;

    private readonly Dictionary<NotificationKind, string> _templates;

    private NotificationTemplates(Dictionary<NotificationKind, string> templates) => _templates = templates;

    /// <summary>The template text of a kind.</summary>
    public string this[NotificationKind kind] => _templates[kind];

    /// <summary>Reads and checks a templates file's JSON; throws <see cref="InvalidDataException"/> saying what is wrong.</summary>
    public static NotificationTemplates Parse(string json)
    {
        Dictionary<string, string>? raw;
        try
        {
            raw = JsonSerializer.Deserialize<Dictionary<string, string>>(json, new JsonSerializerOptions { ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new InvalidDataException("The notification templates are not a JSON object of kind to text: " + e.Message, e);
        }

        var problems = new List<string>();
        var templates = new Dictionary<NotificationKind, string>();
        foreach (var (name, text) in raw ?? [])
        {
            if (name.StartsWith('_'))
            {
                continue; // "_comment" and the like
            }

            if (!Enum.TryParse<NotificationKind>(name, ignoreCase: false, out var kind) || kind == NotificationKind.Unspecified || !Enum.IsDefined(kind))
            {
                problems.Add($"\"{name}\" is not a notification kind (kinds: {string.Join(", ", NotificationRules.Kinds)}).");
                continue;
            }

            if (string.IsNullOrWhiteSpace(text))
            {
                problems.Add($"The template of {kind} is empty.");
                continue;
            }

            var known = NotificationRules.PlaceholdersOf(kind);
            var placeholders = PlaceholdersIn(text, out var malformed);
            foreach (var placeholder in placeholders)
            {
                if (!known.Contains(placeholder))
                {
                    problems.Add($"The template of {kind} uses {{{placeholder}}}, which it does not have (it has: {string.Join(", ", known.Order(StringComparer.Ordinal))}).");
                }
            }

            if (malformed)
            {
                problems.Add($"The template of {kind} has an unmatched brace (write {{{{ or }}}} for a literal one).");
            }

            templates[kind] = text;
        }

        problems.AddRange(NotificationRules.Kinds.Where(k => !templates.ContainsKey(k)).Select(k => $"There is no template for {k}."));
        return problems.Count == 0 ? new NotificationTemplates(templates) : throw new InvalidDataException(string.Join(" ", problems));
    }

    /// <summary>The message of <paramref name="kind"/> with the values filled in.</summary>
    public string Render(NotificationKind kind, IReadOnlyDictionary<string, string> values)
    {
        var template = _templates[kind];
        var text = new StringBuilder(template.Length + 64);
        for (var i = 0; i < template.Length; i++)
        {
            var c = template[i];
            if ((c == '{' || c == '}') && i + 1 < template.Length && template[i + 1] == c)
            {
                text.Append(c);
                i++;
            }
            else if (c == '{')
            {
                var end = template.IndexOf('}', i);
                var name = template[(i + 1)..end];
                text.Append(values.TryGetValue(name, out var value) ? Bounded(value) : "");
                i = end;
            }
            else
            {
                text.Append(c);
            }
        }

        return text.ToString();

        static string Bounded(string value) => value.Length <= MaxValueLength ? value : string.Concat(value.AsSpan(0, MaxValueLength - 1).TrimEnd(), "…");
    }

    private static List<string> PlaceholdersIn(string template, out bool malformed)
    {
        var names = new List<string>();
        malformed = false;
        for (var i = 0; i < template.Length; i++)
        {
            var c = template[i];
            if ((c == '{' || c == '}') && i + 1 < template.Length && template[i + 1] == c)
            {
                i++;
            }
            else if (c == '{')
            {
                var end = template.IndexOf('}', i);
                var name = end < 0 ? "" : template[(i + 1)..end];
                if (end < 0 || !PlaceholderName().IsMatch(name))
                {
                    malformed = true;
                    return names;
                }

                names.Add(name);
                i = end;
            }
            else if (c == '}')
            {
                malformed = true;
                return names;
            }
        }

        return names;
    }

    [GeneratedRegex("^[a-z_]{1,40}$")]
    private static partial Regex PlaceholderName();
}
