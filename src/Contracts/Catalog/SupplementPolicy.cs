namespace DossierTracking.Contracts.Catalog;

/// <summary>How a supplement request affects the due date.</summary>
[GenerateSerializer, Alias("dvc.SupplementPolicy")]
public enum SupplementPolicy
{
    /// <summary>Current rule: the due date is computed afresh from the moment the complete supplement arrives.</summary>
    Restart = 0,
    /// <summary>Legacy rule: the working time spent waiting is added to the due date.</summary>
    Pause = 1,
}
