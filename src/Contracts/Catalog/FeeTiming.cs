namespace DossierTracking.Contracts.Catalog;

[GenerateSerializer, Alias("dvc.FeeTiming")]
public enum FeeTiming
{
    Exempt = 0,
    /// <summary>Collected at intake.</summary>
    Prepaid = 1,
    /// <summary>Collected before the result is returned.</summary>
    Postpaid = 2,
}
