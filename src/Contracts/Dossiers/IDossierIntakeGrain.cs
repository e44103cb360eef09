using Orleans.Concurrency;

namespace DossierTracking.Contracts.Dossiers;

/// <summary>
/// Where new dossiers come in. A stateless worker on every silo (key 0): it issues the receipt code, records it
/// durably against the client's request id, then creates the dossier; a retry with the same request id, even after
/// a crash or on another silo, gets the same receipt code and the same dossier.
/// </summary>
[Alias("dvc.IDossierIntakeGrain")]
public interface IDossierIntakeGrain : IGrainWithIntegerKey
{
    [Alias("Submit")] Task<DossierReply> SubmitAsync(NewDossier dossier);
}
