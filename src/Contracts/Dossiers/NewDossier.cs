namespace DossierTracking.Contracts.Dossiers;

/// <summary>A dossier to create: online submission (state 1) or intake at the counter or from the post (state 2).</summary>
[GenerateSerializer, Immutable, Alias("dvc.NewDossier")]
public sealed record NewDossier
{
    /// <summary>Never prints personal data: logs (Orleans traces messages at the most detailed levels) must not carry it.</summary>
    public override string ToString() => $"NewDossier {{ RequestId = {RequestId}, ProcedureCode = {ProcedureCode}, ReceivingDeskCode = {ReceivingDeskCode}, Channel = {Channel}, personal data withheld }}";

    /// <summary>The client's idempotency key: a retry with the same key returns the same dossier.</summary>
    [Id(0)] public required string RequestId { get; init; }
    [Id(1)] public required string ProcedureCode { get; init; }
    [Id(2)] public required string ReceivingDeskCode { get; init; }
    [Id(3)] public required Channel Channel { get; init; }
    [Id(4)] public required Applicant Applicant { get; init; }
    [Id(5)] public required Actor Actor { get; init; }
    [Id(6)] public string Note { get; init; } = "";
    /// <summary>How the applicant wants the result: at the desk (default), online or by post (level 4 procedures).</summary>
    [Id(7)] public ReturnMethod Delivery { get; init; }
    /// <summary>Where the post delivers the result. Personal data: never logged.</summary>
    [Id(8)] public string DeliveryAddress { get; init; } = "";
}
