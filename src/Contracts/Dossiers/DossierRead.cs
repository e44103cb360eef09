namespace DossierTracking.Contracts.Dossiers;

/// <summary>A read of a dossier: who reads, with which second factor (if any), for what, and which payment request or shipment.</summary>
[GenerateSerializer, Immutable, Alias("dvc.DossierRead")]
public sealed record DossierRead
{
    /// <summary>Never prints the proof.</summary>
    public override string ToString() => $"DossierRead {{ Purpose = {Purpose}, Reader = {Reader}, ObjectNumber = {ObjectNumber}, proof withheld }}";

    [Id(0)] public required DossierReadPurpose Purpose { get; init; }
    [Id(1)] public required Actor Reader { get; init; }
    [Id(2)] public ApplicantProof? Proof { get; init; }
    /// <summary>The payment request or shipment number, for those purposes.</summary>
    [Id(3)] public int ObjectNumber { get; init; }
}
