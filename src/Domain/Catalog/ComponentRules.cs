using System.Text.RegularExpressions;
using DossierTracking.Contracts.Catalog;

namespace DossierTracking.Domain.Catalog;

/// <summary>
/// What a procedure's list of papers must be: codes that a supplement request or an upload can name without doubt
/// (well formed, unique within the procedure), a name, a form, and a sensible count.
/// </summary>
public static partial class ComponentRules
{
    public const int MaxCodeLength = 40;
    public const int MaxNameLength = 300;
    public const int MaxNoteLength = 500;
    public const int MaxCount = 20;

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$")]
    public static partial Regex CodePattern();

    /// <summary>Whether <paramref name="code"/> is shaped like a paper's code (known or not).</summary>
    public static bool IsWellFormed(string? code) => code is { Length: > 0 and <= MaxCodeLength } && CodePattern().IsMatch(code);

    /// <summary>The problems of one procedure's papers, each naming the procedure and the paper.</summary>
    public static IEnumerable<string> Problems(ProcedureInfo procedure)
    {
        var codes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var component in procedure.Components)
        {
            var where = $"procedure {procedure.Code} paper {component.Code}";
            if (!IsWellFormed(component.Code))
            {
                yield return $"{where}: the code must be 1-{MaxCodeLength} of a-z, 0-9 and '-', not starting or ending with '-'";
            }
            else if (!codes.Add(component.Code))
            {
                yield return $"{where} appears twice";
            }

            if (string.IsNullOrWhiteSpace(component.Name) || component.Name.Length > MaxNameLength)
            {
                yield return $"{where}: the name must be 1-{MaxNameLength} characters";
            }

            if (component.Form == PaperForm.Unspecified || !Enum.IsDefined(component.Form))
            {
                yield return $"{where}: the form must be Original, CertifiedCopy, Scan or CopyWithOriginal";
            }

            if (component.Count is < 1 or > MaxCount)
            {
                yield return $"{where}: the count must be 1-{MaxCount}";
            }

            if (component.Note.Length > MaxNoteLength)
            {
                yield return $"{where}: the note is longer than {MaxNoteLength} characters";
            }
        }
    }
}
