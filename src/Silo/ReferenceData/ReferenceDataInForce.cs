using System.Collections.Concurrent;
using DossierTracking.Contracts.ReferenceData;
using DossierTracking.Domain.Calendar;
using DossierTracking.Domain.Catalog;
using DossierTracking.Domain.ReferenceData;

namespace DossierTracking.Silo.ReferenceData;

/// <summary>
/// Which published version of each kind this silo has in force (the catalogue per served province, the national
/// calendar), and the swap to a newer one. A version is checked (<see cref="ReferenceDataRules.Check(ReferenceDataKind, string, string)"/>)
/// before anything changes; then the catalogue or calendar the domain reads is replaced whole. Versions only move
/// forward: a slower loader or publisher that arrives with an older version than the one in force changes nothing.
/// </summary>
public sealed partial class ReferenceDataInForce(ProvinceCatalogs catalogs, CalendarInForce calendar, ILogger<ReferenceDataInForce> logger)
{
    private readonly Lock _gate = new();
    private readonly ConcurrentDictionary<string, long> _catalogVersions = new(StringComparer.Ordinal);
    private long _calendarVersion;

    /// <summary>The provinces served here, whose catalogues are loaded and followed.</summary>
    public IReadOnlyList<string> Provinces => catalogs.Codes;

    /// <summary>The version in force; 0 before the first load (the seed compiled into the binary).</summary>
    /// <param name="province">The catalogue's province; empty for the calendar.</param>
    public long Version(ReferenceDataKind kind, string province) => kind switch
    {
        ReferenceDataKind.Catalog => _catalogVersions.GetValueOrDefault(province),
        ReferenceDataKind.Calendar => Volatile.Read(ref _calendarVersion),
        _ => 0,
    };

    /// <summary>The days of the calendar in force.</summary>
    public CalendarDays Calendar => calendar.Current;

    /// <summary>Checks <paramref name="document"/> and puts it in force if it is newer; the check's result either way.</summary>
    public CheckedReferenceData Apply(ReferenceDataDocument document)
    {
        var kind = document.Version.Kind;
        var province = document.Version.Province;
        var version = document.Version.Version;
        if (version <= Version(kind, province))
        {
            return new CheckedReferenceData(null, null, []);
        }

        var checkedData = ReferenceDataRules.Check(kind, document.Content, province);
        if (!checkedData.IsValid)
        {
            return checkedData;
        }

        lock (_gate)
        {
            if (version <= Version(kind, province))
            {
                return checkedData;
            }

            if (kind == ReferenceDataKind.Catalog)
            {
                if (!catalogs.Replace(checkedData.Catalog!))
                {
                    // Another deployment's province in the shared table: not this silo's to follow.
                    return checkedData;
                }

                _catalogVersions[province] = version;
            }
            else
            {
                calendar.Replace(checkedData.Calendar!);
                Volatile.Write(ref _calendarVersion, version);
            }
        }

        LogInForce(ReferenceDataLoader.Name(kind, province), version, document.Version.PublishedBy, document.Version.Sha256, checkedData.Summary);
        return checkedData;
    }

    [LoggerMessage(EventId = 9601, Level = LogLevel.Information,
        Message = "Reference data {Kind} version {Version} (published by {PublishedBy}, sha256 {Sha256}) is in force on this silo: {Summary}")]
    private partial void LogInForce(string kind, long version, string publishedBy, string sha256, string summary);
}
