namespace DossierTracking.Contracts.Dossiers;

/// <summary>
/// The idempotency record of one client request (key: <c>req/{requestId}</c>). It issues a receipt code once,
/// remembers it durably, then creates the dossier; a retry returns the same dossier, also after a restart.
/// </summary>
[Alias("dvc.ISubmissionGrain")]
public interface ISubmissionGrain : IGrainWithStringKey
{
    [Alias("Submit")] Task<DossierReply> SubmitAsync(NewDossier dossier);
}
