namespace DossierTracking.Contracts.Dossiers;

/// <summary>How a dossier reached the receiving desk.</summary>
[GenerateSerializer, Alias("dvc.Channel")]
public enum Channel
{
    Unspecified = 0,
    Online = 1,
    Counter = 2,
    Postal = 3,
}
