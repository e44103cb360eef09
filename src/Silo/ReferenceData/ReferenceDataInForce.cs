using DossierTracking.Contracts.ReferenceData;
using DossierTracking.Domain.Calendar;
using DossierTracking.Domain.Catalog;
using DossierTracking.Domain.ReferenceData;

namespace DossierTracking.Silo.ReferenceData;

/// <summary>
/// Which published version of each kind this silo has in force, and the swap to a newer one. A version is checked
/// (<see cref="ReferenceDataRules.Check"/>) before anything changes; then the catalogue or calendar the domain reads is
/// replaced whole. Versions only move forward: a slower loader or publisher that arrives with an older version than the
/// one in force changes nothing.
/// </summary>
public sealed partial class ReferenceDataInForce(CatalogInForce catalog, CalendarInForce calendar, ILogger<ReferenceDataInForce> logger)
{
    private readonly Lock _gate = new();
    private long _catalogVersion;
    private long _calendarVersion;

    /// <summary>The version in force; 0 before the first load (the seed compiled into the binary).</summary>
    public long Version(ReferenceDataKind kind) => kind switch
    {
        ReferenceDataKind.Catalog => Volatile.Read(ref _catalogVersion),
        ReferenceDataKind.Calendar => Volatile.Read(ref _calendarVersion),
        _ => 0,
    };

    /// <summary>The days of the calendar in force.</summary>
    public CalendarDays Calendar => calendar.Current;

    /// <summary>Checks <paramref name="document"/> and puts it in force if it is newer; the check's result either way.</summary>
    public CheckedReferenceData Apply(ReferenceDataDocument document)
    {
        var kind = document.Version.Kind;
        var version = document.Version.Version;
        if (version <= Version(kind))
        {
            return new CheckedReferenceData(null, null, []);
        }

        var checkedData = ReferenceDataRules.Check(kind, document.Content);
        if (!checkedData.IsValid)
        {
            return checkedData;
        }

        lock (_gate)
        {
            if (version <= Version(kind))
            {
                return checkedData;
            }

            if (kind == ReferenceDataKind.Catalog)
            {
                catalog.Replace(checkedData.Catalog!);
                Volatile.Write(ref _catalogVersion, version);
            }
            else
            {
                calendar.Replace(checkedData.Calendar!);
                Volatile.Write(ref _calendarVersion, version);
            }
        }

        LogInForce(ReferenceDataKinds.Name(kind), version, document.Version.PublishedBy, document.Version.Sha256, checkedData.Summary);
        return checkedData;
    }

    [LoggerMessage(EventId = 9601, Level = LogLevel.Information,
        Message = "Reference data {Kind} version {Version} (published by {PublishedBy}, sha256 {Sha256}) is in force on this silo: {Summary}")]
    private partial void LogInForce(string kind, long version, string publishedBy, string sha256, string summary);
}
