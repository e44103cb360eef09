namespace DossierTracking.Contracts.Dossiers;

[GenerateSerializer, Alias("dvc.ApplicantKind")]
public enum ApplicantKind
{
    Unspecified = 0,
    Citizen = 1,
    Enterprise = 2,
    Organisation = 3,
    HouseholdBusiness = 4,
}
