using DossierTracking.Domain.Dossiers;

namespace DossierTracking.Grains.Dossiers;

/// <summary>What a client request was given (row <c>req/{party}/{caller}/{requestId}</c>): the receipt code, written before the dossier is created.</summary>
[GenerateSerializer, Alias("dvc.SubmissionRecord")]
public sealed class SubmissionRecord
{
    [Id(0)] public string? ReceiptCode { get; set; }
    [Id(1)] public string? Fingerprint { get; set; }
}
