namespace DossierTracking.Contracts.Catalog;

/// <summary>An administrative procedure (thủ tục hành chính) as offered by the province.</summary>
[GenerateSerializer, Immutable, Alias("dvc.ProcedureInfo")]
public sealed record ProcedureInfo
{
    /// <summary>The national code, e.g. <c>1.003560</c>.</summary>
    [Id(0)] public required string Code { get; init; }
    [Id(1)] public required string Name { get; init; }
    [Id(2)] public string Field { get; init; } = "";
    /// <summary>The level of government that decides.</summary>
    [Id(3)] public required AgencyLevel AgencyLevel { get; init; }
    /// <summary>The owning department for province-level procedures; null where each locality decides for itself.</summary>
    [Id(4)] public string? AgencyCode { get; init; }
    [Id(5)] public required TimeLimit Limit { get; init; }
    /// <summary>A separate (shorter) limit for online dossiers, where the procedure has one.</summary>
    [Id(6)] public TimeLimit? OnlineLimit { get; init; }
    /// <summary>Online service level in the 2011–2022 model: 2, 3 or 4.</summary>
    [Id(7)] public required int ServiceLevel { get; init; }
    [Id(8)] public IReadOnlyList<ProcedureFee> Fees { get; init; } = [];
    [Id(9)] public SupplementPolicy SupplementPolicy { get; init; }
    /// <summary>The papers a dossier of this procedure is made of, in the order the procedure lists them.</summary>
    [Id(10)] public IReadOnlyList<ProcedureComponent> Components { get; init; } = [];
    /// <summary>
    /// True when <see cref="Components"/> was written to be plausible rather than taken from the official record of the
    /// procedure (the seed catalogue's lists are); a province loading its own catalogue sets it false.
    /// </summary>
    [Id(11)] public bool ComponentsIllustrative { get; init; }
}
