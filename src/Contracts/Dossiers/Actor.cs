namespace DossierTracking.Contracts.Dossiers;

/// <summary>Who performs an action: the party, the person, and the unit the person acts for.</summary>
[GenerateSerializer, Immutable, Alias("dvc.Actor")]
public sealed record Actor
{
    [Id(0)] public required Party Party { get; init; }
    [Id(1)] public required string PersonId { get; init; }
    [Id(2)] public string PersonName { get; init; } = "";
    /// <summary>The desk or agency the person acts for; empty for portals, partners and the system.</summary>
    [Id(3)] public string AgencyCode { get; init; } = "";

    /// <summary>Nobody: a caller without a token (a citizen looking up a receipt code).</summary>
    public static Actor Anonymous { get; } = new() { Party = Party.Unspecified, PersonId = "" };
}
