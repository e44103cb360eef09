namespace DossierTracking.Contracts.Dossiers;

[GenerateSerializer, Alias("dvc.ReturnMethod")]
public enum ReturnMethod
{
    Unspecified = 0,
    InPerson = 1,
    Online = 2,
    Post = 3,
}
