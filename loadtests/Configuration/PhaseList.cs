namespace DossierTracking.LoadTests.Configuration;

/// <summary>
/// Parses --phases: "all" or a comma list of phase names, in any order and case. A ceiling is measured together with
/// its targets, so naming either selects both: ceiling or lookup the lookup group, upsert or transition the write group.
/// </summary>
public static class PhaseList
{
    public const string All = "all";

    public static readonly IReadOnlyDictionary<string, Phase> Names = new Dictionary<string, Phase>(StringComparer.OrdinalIgnoreCase)
    {
        ["ceiling"] = Phase.Lookups,
        ["submit"] = Phase.Submit,
        ["lookup"] = Phase.Lookups,
        ["upsert"] = Phase.Writes,
        ["transition"] = Phase.Writes,
        ["lifecycle"] = Phase.Lifecycle,
        ["hot-agency"] = Phase.HotAgency,
        ["cold"] = Phase.Cold,
        ["memory"] = Phase.Memory,
    };

    /// <summary>How a phase is named in the console, the report's phase list and the notes.</summary>
    public static string NameOf(Phase phase) => phase switch
    {
        Phase.HotAgency => "hot-agency",
        _ => phase.ToString().ToLowerInvariant(),
    };

    public static bool TryParse(string text, out IReadOnlySet<Phase> phases, out string error)
    {
        var parts = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 1 && parts[0].Equals(All, StringComparison.OrdinalIgnoreCase))
        {
            phases = Enum.GetValues<Phase>().ToHashSet();
            error = "";
            return true;
        }

        var selected = new HashSet<Phase>();
        foreach (var part in parts)
        {
            if (!Names.TryGetValue(part, out var phase))
            {
                phases = selected;
                error = $"Unknown phase '{part}'. Use 'all' or a comma list of: {string.Join(",", Names.Keys)}.";
                return false;
            }

            selected.Add(phase);
        }

        phases = selected;
        error = selected.Count == 0 ? "--phases names no phase." : "";
        return selected.Count > 0;
    }
}
