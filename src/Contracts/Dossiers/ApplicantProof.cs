namespace DossierTracking.Contracts.Dossiers;

/// <summary>
/// The second factor an applicant gives to reach their own dossier: the lookup PIN issued with the receipt, or, for a
/// citizen, their ID number. Personal data and secrets: never logged.
/// </summary>
[GenerateSerializer, Immutable, Alias("dvc.ApplicantProof")]
public sealed record ApplicantProof
{
    /// <summary>Never prints the secrets: logs (Orleans traces messages at the most detailed levels) must not carry them.</summary>
    public override string ToString() => $"ApplicantProof {{ pin given = {Pin.Length > 0}, id given = {IdNumber.Length > 0} }}";

    [Id(0)] public string Pin { get; init; } = "";
    [Id(1)] public string IdNumber { get; init; } = "";

    public bool IsEmpty => Pin.Length == 0 && IdNumber.Length == 0;

    /// <summary>A proof from request fields, or null when neither was given.</summary>
    public static ApplicantProof? Of(string pin, string idNumber) =>
        pin.Length == 0 && idNumber.Length == 0 ? null : new ApplicantProof { Pin = pin, IdNumber = idNumber };
}
