namespace DossierTracking.Contracts.Catalog;

/// <summary>An agency or receiving desk of the province.</summary>
[GenerateSerializer, Immutable, Alias("dvc.AgencyInfo")]
public sealed record AgencyInfo
{
    [Id(0)] public required string Code { get; init; }
    [Id(1)] public required string Name { get; init; }
    [Id(2)] public string NameEn { get; init; } = "";
    [Id(3)] public required AgencyLevel Level { get; init; }
    [Id(4)] public required AgencyKind Kind { get; init; }
    [Id(5)] public string? ParentCode { get; init; }
    /// <summary>True for one-stop desks that receive dossiers and issue receipt codes.</summary>
    [Id(6)] public bool IsReceivingDesk { get; init; }
    /// <summary>The General Statistics Office code of a district or commune.</summary>
    [Id(7)] public string GsoCode { get; init; } = "";
    /// <summary>The first day the unit acts (Viet Nam dates); null: since before any dossier here.</summary>
    [Id(8)] public DateOnly? ValidFrom { get; init; }
    /// <summary>The last day the unit acts (dissolved or merged after it, as the district level on 30 June 2025); null: still acting.</summary>
    [Id(9)] public DateOnly? ValidTo { get; init; }

    /// <summary>Whether the unit acts on <paramref name="date"/>: receives, decides or takes a transfer.</summary>
    public bool IsValidOn(DateOnly date) => (ValidFrom is null || ValidFrom <= date) && (ValidTo is null || date <= ValidTo);

    /// <summary>Whether the unit acts on some day of [<paramref name="first"/>, <paramref name="end"/>) (a report's period).</summary>
    public bool IsValidDuring(DateOnly first, DateOnly end) => (ValidFrom is null || ValidFrom < end) && (ValidTo is null || first <= ValidTo);
}
