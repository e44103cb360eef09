namespace DossierTracking.Contracts.Catalog;

[GenerateSerializer, Alias("dvc.AgencyKind")]
public enum AgencyKind
{
    Unspecified = 0,
    PeoplesCommittee = 1,
    ServiceCentre = 2,
    Department = 3,
    CentralAgency = 4,
    District = 5,
    Commune = 6,
}
