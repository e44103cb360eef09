using DossierTracking.Contracts.Dossiers;
using DossierTracking.Contracts.ReferenceData;
using DossierTracking.Domain.ReferenceData;
using DossierTracking.Grains;
using DossierTracking.Silo.Storage;

namespace DossierTracking.Silo.ReferenceData;

/// <summary>
/// Publishes and reads the reference data's versions for the API. A publication is checked first (nothing is written
/// for a bad content), then decided against the newest stored version (<see cref="ReferenceDataRules.Decide"/>),
/// written as the next number (an insert that loses a race for that number is a conflict) and put in force on this
/// silo before the answer; the other silos load it at their next poll. A catalogue is published for one served province
/// (the API checks it is served); the calendar is national.
/// </summary>
public sealed partial class ReferenceDataAdmin(
    ReferenceDataStore store,
    ReferenceDataInForce inForce,
    Contracts.Catalog.IProvinces provinces,
    CalendarCoverage coverage,
    [FromKeyedServices(DomainClock.Key)] TimeProvider clock,
    ILogger<ReferenceDataAdmin> logger) : IReferenceDataAdmin
{
    public async Task<ReferenceDataPublication> PublishAsync(ReferenceDataKind kind, string province, string content, long expectedCurrentVersion, string publishedBy,
        CancellationToken cancellationToken)
    {
        if (expectedCurrentVersion < ReferenceDataRules.SeedVersion)
        {
            return Refused(ReferenceDataRules.ExpectedVersionMissing());
        }

        var checkedData = ReferenceDataRules.Check(kind, content, province);
        if (!checkedData.IsValid)
        {
            return Refused(ReferenceDataRules.InvalidContent(kind, checkedData.Problems));
        }

        if (checkedData.Catalog is { } newCatalog && provinces.Catalog(province) is { } catalog && ReferenceDataRules.Dropped(catalog, newCatalog) is { Count: > 0 } dropped)
        {
            return Refused(ReferenceDataRules.InvalidContent(kind, dropped));
        }

        var newest = await store.ReadAsync(kind, province, null, cancellationToken)
            ?? throw new InvalidOperationException($"The {ReferenceDataLoader.Name(kind, province)} reference data has no version: the loader seeds it at start-up.");
        var sha256 = ReferenceDataRules.Sha256(content);
        switch (ReferenceDataRules.Decide(expectedCurrentVersion, newest.Version.Version, newest.Version.Sha256, sha256))
        {
            case PublishDecision.Replay:
                inForce.Apply(newest);
                return new ReferenceDataPublication(newest.Version, null, Replayed: true);
            case PublishDecision.Conflict:
                return Refused(ReferenceDataRules.VersionMismatch(kind, expectedCurrentVersion, newest.Version.Version));
        }

        var next = new ReferenceDataVersion(kind, newest.Version.Version + 1, clock.GetUtcNow(), publishedBy, sha256) { Province = province };
        if (!await store.TryInsertAsync(next, content, cancellationToken))
        {
            return Refused(ReferenceDataRules.VersionMismatch(kind, expectedCurrentVersion, next.Version));
        }

        LogPublished(ReferenceDataLoader.Name(kind, province), next.Version, publishedBy, sha256, checkedData.Summary);
        inForce.Apply(new ReferenceDataDocument(next, content));
        coverage.Check();
        return new ReferenceDataPublication(next, null);
    }

    public async Task<(ReferenceDataDocument? Document, Failure? Failure)> GetAsync(ReferenceDataKind kind, string province, long? version, CancellationToken cancellationToken) =>
        await store.ReadAsync(kind, province, version, cancellationToken) is { } document
            ? (document, null)
            : (null, ReferenceDataRules.UnknownVersion(kind, version ?? 0));

    public Task<IReadOnlyList<ReferenceDataVersion>> ListAsync(ReferenceDataKind kind, string province, CancellationToken cancellationToken) =>
        store.ListAsync(kind, province, cancellationToken);

    public long InForce(ReferenceDataKind kind, string province) => inForce.Version(kind, province);

    private static ReferenceDataPublication Refused(Failure failure) => new(null, failure);

    [LoggerMessage(EventId = 9606, Level = LogLevel.Information,
        Message = "Reference data {Kind} version {Version} published by {PublishedBy} (sha256 {Sha256}): {Summary}")]
    private partial void LogPublished(string kind, long version, string publishedBy, string sha256, string summary);
}
