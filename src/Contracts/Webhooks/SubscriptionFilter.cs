using System.Collections.Immutable;
using DossierTracking.Contracts.Dossiers;

namespace DossierTracking.Contracts.Webhooks;

/// <summary>
/// Which committed changes a subscription receives. Each list narrows: an empty list lets every value through, a
/// non-empty one only the values it names. Desk is the receiving desk, agency the agency holding the dossier after
/// the change, state the state the change led to.
/// </summary>
[GenerateSerializer, Immutable, Alias("dvc.SubscriptionFilter")]
public sealed record SubscriptionFilter
{
    [Id(0)] public ImmutableArray<string> DeskCodes { get; init; } = [];
    [Id(1)] public ImmutableArray<string> AgencyCodes { get; init; } = [];
    [Id(2)] public ImmutableArray<string> ProcedureCodes { get; init; } = [];
    [Id(3)] public ImmutableArray<DossierAction> Actions { get; init; } = [];
    [Id(4)] public ImmutableArray<DossierState> States { get; init; } = [];
    /// <summary>Whether changes imported from another system (old news, marked imported) are delivered too; not by default.</summary>
    [Id(5)] public bool IncludeImported { get; init; }

    public static SubscriptionFilter Everything { get; } = new();
}
