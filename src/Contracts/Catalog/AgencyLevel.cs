namespace DossierTracking.Contracts.Catalog;

[GenerateSerializer, Alias("dvc.AgencyLevel")]
public enum AgencyLevel
{
    Unspecified = 0,
    Province = 1,
    District = 2,
    Commune = 3,
}
