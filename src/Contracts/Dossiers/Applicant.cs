namespace DossierTracking.Contracts.Dossiers;

/// <summary>The owner of the dossier (chủ hồ sơ). Personal data: never logged.</summary>
[GenerateSerializer, Immutable, Alias("dvc.Applicant")]
public sealed record Applicant
{
    /// <summary>Never prints personal data: logs (Orleans traces messages at the most detailed levels) must not carry it.</summary>
    public override string ToString() => $"Applicant {{ Kind = {Kind}, personal data withheld }}";

    [Id(0)] public required ApplicantKind Kind { get; init; }
    [Id(1)] public required string FullName { get; init; }
    /// <summary>Citizen ID (CCCD/CMND) or enterprise/tax code.</summary>
    [Id(2)] public required string IdNumber { get; init; }
    [Id(3)] public string Phone { get; init; } = "";
    [Id(4)] public string Email { get; init; } = "";
    [Id(5)] public string Address { get; init; } = "";
    /// <summary>Where the applicant's notifications go: to <see cref="Phone"/> by SMS, to <see cref="Email"/>, or nowhere.</summary>
    [Id(6)] public NotifyBy NotifyBy { get; init; }
}
