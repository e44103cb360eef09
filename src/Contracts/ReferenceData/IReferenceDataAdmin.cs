using DossierTracking.Contracts.Dossiers;

namespace DossierTracking.Contracts.ReferenceData;

/// <summary>
/// Publishing and reading the versions of the reference data, for the administrators' API. Implemented by the host
/// over the database: a publication is checked like the shipped seed, stored as the next version and put in force on
/// this silo at once (the other silos within their poll interval).
/// </summary>
public interface IReferenceDataAdmin
{
    /// <param name="expectedCurrentVersion">The newest version the publisher read: anything else is refused (ABORTED).</param>
    /// <param name="publishedBy">The administrator's subject, recorded with the version.</param>
    /// <param name="province">The province a catalogue is published for; empty for the calendar (national).</param>
    Task<ReferenceDataPublication> PublishAsync(ReferenceDataKind kind, string province, string content, long expectedCurrentVersion, string publishedBy,
        CancellationToken cancellationToken);

    /// <summary>A version with its content (the newest when <paramref name="version"/> is null), or a NotFound failure.</summary>
    Task<(ReferenceDataDocument? Document, Failure? Failure)> GetAsync(ReferenceDataKind kind, string province, long? version, CancellationToken cancellationToken);

    /// <summary>Every version of the kind, newest first, without content.</summary>
    Task<IReadOnlyList<ReferenceDataVersion>> ListAsync(ReferenceDataKind kind, string province, CancellationToken cancellationToken);

    /// <summary>The version of the kind in force on this silo.</summary>
    long InForce(ReferenceDataKind kind, string province);
}
