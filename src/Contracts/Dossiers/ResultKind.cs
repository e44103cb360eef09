namespace DossierTracking.Contracts.Dossiers;

[GenerateSerializer, Alias("dvc.ResultKind")]
public enum ResultKind
{
    Unspecified = 0,
    /// <summary>The request is granted (licence, certificate, decision).</summary>
    Approved = 1,
    /// <summary>A written refusal with its reasons.</summary>
    Refused = 2,
}
