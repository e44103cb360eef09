using DossierTracking.Contracts.Dossiers;

namespace DossierTracking.Contracts.Import;

/// <summary>One entry of an imported dossier's processing control slip.</summary>
[GenerateSerializer, Immutable, Alias("dvc.ImportedEntry")]
public sealed record ImportedEntry
{
    [Id(0)] public required DateTimeOffset At { get; init; }
    [Id(1)] public required DossierAction Action { get; init; }
    [Id(2)] public required DossierState ToState { get; init; }
    [Id(3)] public required string AgencyCode { get; init; }
    [Id(4)] public required Actor Actor { get; init; }
    [Id(5)] public string Note { get; init; } = "";
}
