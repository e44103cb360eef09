using System.Collections.Immutable;
using DossierTracking.Contracts.Dossiers;

namespace DossierTracking.Contracts.Import;

/// <summary>
/// One dossier of another system's export (docs/import.md), as read from its line: checked for form by the API,
/// for meaning by the domain (<c>DossierDecider.Import</c>).
/// </summary>
[GenerateSerializer, Immutable, Alias("dvc.ImportedDossier")]
public sealed record ImportedDossier
{
    /// <summary>Never prints personal data: logs (Orleans traces messages at the most detailed levels) must not carry it.</summary>
    public override string ToString() => $"ImportedDossier {{ SourceId = {SourceId}, ReceiptCode = {ReceiptCode}, State = {State}, personal data withheld }}";

    /// <summary>The line's number in the file, for reports.</summary>
    [Id(0)] public required long Line { get; init; }
    [Id(1)] public required string SourceId { get; init; }
    [Id(2)] public required string ReceiptCode { get; init; }
    [Id(3)] public required string ProcedureCode { get; init; }
    [Id(4)] public required string ReceivingDeskCode { get; init; }
    [Id(5)] public required Channel Channel { get; init; }
    [Id(6)] public required Applicant Applicant { get; init; }
    [Id(7)] public required DossierState State { get; init; }
    [Id(8)] public ResultKind Result { get; init; }
    [Id(9)] public ReturnMethod ReturnMethod { get; init; }
    [Id(10)] public DateTimeOffset? DueAt { get; init; }
    [Id(11)] public required ImmutableArray<ImportedEntry> History { get; init; }
    /// <summary>A hash of the line's content, to tell a repeated line from another one reusing its source id.</summary>
    [Id(12)] public required string Fingerprint { get; init; }
}
