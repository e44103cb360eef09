namespace DossierTracking.Contracts.Notifications;

/// <summary>The steps of a dossier the applicant is told of; each has one template.</summary>
[GenerateSerializer, Alias("dvc.NotificationKind")]
public enum NotificationKind
{
    Unspecified = 0,
    /// <summary>The dossier was submitted online or received at the desk.</summary>
    Receipt = 1,
    /// <summary>Papers are missing: which ones, and by when.</summary>
    SupplementRequested = 2,
    /// <summary>Fees are due: the amount and how to pay.</summary>
    FeesDue = 3,
    ResultReady = 4,
    /// <summary>The dossier will be late: the apology with the new date.</summary>
    Apology = 5,
    ResultReturned = 6,
}
