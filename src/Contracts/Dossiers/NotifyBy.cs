namespace DossierTracking.Contracts.Dossiers;

/// <summary>How the applicant wants to be told of their dossier's steps, chosen at submission.</summary>
[GenerateSerializer, Alias("dvc.NotifyBy")]
public enum NotifyBy
{
    /// <summary>No choice recorded (dossiers stored before notifications existed): no message is sent.</summary>
    Unspecified = 0,
    /// <summary>The applicant asked for no messages.</summary>
    None = 1,
    Sms = 2,
    Email = 3,
}
