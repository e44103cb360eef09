using DossierTracking.Contracts.Dossiers;
using Orleans.CodeGeneration;

namespace DossierTracking.Grains.Dossiers;

/// <summary>
/// The dossier grain's side that takes a submission (implemented by <see cref="DossierGrain"/>), called by the intake
/// only, with a receipt code it has just drawn. An interface of its own with a version number, not a method of
/// <see cref="IDossierGrain"/>: for a call to a versioned interface, Orleans places a new activation only on a silo
/// whose grain implements that interface (unversioned ones may go to any silo that has the grain type), so during a
/// rolling update from a version without it, submissions create their dossiers on the silos already updated.
/// </summary>
[Alias("dvc.IDossierSubmissionGrain"), Version(1)]
public interface IDossierSubmissionGrain : IGrainWithStringKey
{
    /// <summary>
    /// Creates the dossier under this freshly drawn receipt code and binds the caller's request id to it, in one durable
    /// write. A request id bound before answers with its first dossier (or REQUEST_ID_REUSED for other content), and
    /// this code stays unused.
    /// </summary>
    [Alias("Submit")] Task<DossierReply> SubmitAsync(NewDossier dossier);
}
