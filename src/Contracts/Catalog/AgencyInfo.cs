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
}
