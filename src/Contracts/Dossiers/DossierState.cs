namespace DossierTracking.Contracts.Dossiers;

/// <summary>The national (DVCQG) dossier states; the numeric values are the national codes.</summary>
[GenerateSerializer, Alias("dvc.DossierState")]
public enum DossierState
{
    /// <summary>Not a state: the dossier does not exist.</summary>
    None = 0,
    Submitted = 1,
    Received = 2,
    RejectedAtIntake = 3,
    InProcessing = 4,
    AwaitingSupplement = 5,
    AwaitingPayment = 6,
    Withdrawn = 7,
    Stopped = 8,
    ResultReady = 9,
    ResultReturned = 10,
}
