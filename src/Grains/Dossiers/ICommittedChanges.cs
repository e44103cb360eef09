using DossierTracking.Domain.Dossiers;

namespace DossierTracking.Grains.Dossiers;

/// <summary>
/// Where a dossier grain hands each change once its write succeeded (the read model and the agencies listen here).
/// Owned by the dossier side, implemented by the agencies side, so dependencies run one way. Must not block: it is on
/// the path of every write.
/// </summary>
public interface ICommittedChanges
{
    /// <summary>A change of a dossier from <paramref name="previous"/> (null for its creation) to <paramref name="next"/>, now durable.</summary>
    void Enqueue(DossierRecord? previous, DossierRecord next);
}
