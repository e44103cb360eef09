namespace DossierTracking.Contracts.Catalog;

/// <summary>
/// One paper a procedure asks for (thành phần hồ sơ): what it is, in what form, how many, and whether the dossier is
/// complete without it. A supplement request and an upload name a paper by its <see cref="Code"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("dvc.ProcedureComponent")]
public sealed record ProcedureComponent
{
    /// <summary>Unique within its procedure: 1-40 of a-z, 0-9 and '-' (for example <c>giay-de-nghi</c>).</summary>
    [Id(0)] public required string Code { get; init; }
    [Id(1)] public required string Name { get; init; }
    [Id(2)] public required PaperForm Form { get; init; }
    /// <summary>How many copies (bộ, bản): 1 to 20.</summary>
    [Id(3)] public int Count { get; init; } = 1;
    /// <summary>False for papers needed only in some cases (the note says which).</summary>
    [Id(4)] public bool Required { get; init; } = true;
    [Id(5)] public string Note { get; init; } = "";
}
