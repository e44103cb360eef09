using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DossierTracking.Contracts.Catalog;
using DossierTracking.Contracts.Dossiers;
using DossierTracking.Contracts.ReferenceData;
using DossierTracking.Domain.Calendar;
using DossierTracking.Domain.Catalog;

namespace DossierTracking.Domain.ReferenceData;

/// <summary>
/// The rules of published reference data. A content is the JSON text of the file the service ships
/// (<c>quang-ninh-catalog.json</c>, <c>vn-public-holidays.json</c>), checked with the same checks as that seed at
/// start-up. Versions count up from 1 (the seed) without gaps; a publisher names the newest version it read, so two
/// administrators cannot overwrite each other unknowingly, and a retry of a publication that was stored answers the
/// version it made instead of making another.
/// </summary>
public static class ReferenceDataRules
{
    /// <summary>The version the shipped seed is.</summary>
    public const long SeedVersion = 1;

    /// <summary>Who published version 1 when it was written from the shipped file.</summary>
    public const string SeedPublisher = "seed";

    /// <summary>Problems listed in one refusal at most (the rest are counted).</summary>
    public const int MaxProblemsShown = 10;

    /// <summary>SHA-256 of the content's UTF-8 bytes, lower-case hex: how two versions are told apart.</summary>
    public static string Sha256(string content) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));

    /// <summary>
    /// Checks a content published for <paramref name="province"/>: a catalogue must be that province's (its units all
    /// extend the province's code); the calendar is national and has none.
    /// </summary>
    public static CheckedReferenceData Check(ReferenceDataKind kind, string content, string province)
    {
        var checkedData = Check(kind, content);
        return checkedData.Catalog is { } catalog && catalog.Province != province
            ? Refused($"the catalogue's units are of province {catalog.Province}, and it was given for province {(province.Length > 0 ? province : "(none)")}")
            : checkedData.Calendar is not null && province.Length > 0
                ? Refused("the holiday calendar is national: it is published without a province")
                : checkedData;
    }

    /// <summary>Parses and checks a content of <paramref name="kind"/>; never throws for bad content.</summary>
    public static CheckedReferenceData Check(ReferenceDataKind kind, string content)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (string.IsNullOrWhiteSpace(content))
        {
            return Refused("the content is empty");
        }

        if (Encoding.UTF8.GetByteCount(content) > ReferenceDataLimits.MaxContentBytes)
        {
            return Refused($"the content is larger than {ReferenceDataLimits.MaxContentBytes} bytes");
        }

        if (content.Contains('\0'))
        {
            // JSON comments may hold one, but the database cannot store it.
            return Refused("the content holds a NUL character");
        }

        try
        {
            switch (kind)
            {
                case ReferenceDataKind.Catalog:
                    var file = CatalogFile.Parse(content);
                    var catalogProblems = ReferenceCatalog.Problems(file);
                    return catalogProblems.Count > 0 ? new CheckedReferenceData(null, null, catalogProblems) : new CheckedReferenceData(new ReferenceCatalog(file), null, []);
                case ReferenceDataKind.Calendar:
                    var data = HolidayCalendarData.Parse(content);
                    var calendarProblems = HolidayCalendarRules.Problems(data);
                    return calendarProblems.Count > 0 ? new CheckedReferenceData(null, null, calendarProblems) : new CheckedReferenceData(null, CalendarDays.From(data), []);
                default:
                    return Refused($"{kind} is not a kind of reference data");
            }
        }
        catch (JsonException e)
        {
            return Refused($"not a {KindText(kind)} file: {e.Message}");
        }
    }

    /// <summary>
    /// The units and procedures of the catalogue in force that a new version leaves out. Live dossiers name them: a unit
    /// is retired by its validTo date and a procedure kept, never dropped.
    /// </summary>
    public static IReadOnlyList<string> Dropped(ICatalog inForce, ReferenceCatalog next) =>
    [
        .. inForce.Agencies.Where(a => next.FindAgency(a.Code) is null).Select(a => $"agency {a.Code} is in force and may not be dropped (end it with validTo)"),
        .. inForce.Procedures.Where(p => next.FindProcedure(p.Code) is null).Select(p => $"procedure {p.Code} is in force and may not be dropped"),
    ];

    /// <summary>
    /// What a publication does. The same content as the newest version, published over it or over the one before
    /// (a retry whose first answer was lost), changes nothing; any other expected version than the newest is a conflict.
    /// </summary>
    public static PublishDecision Decide(long expectedCurrentVersion, long currentVersion, string currentSha256, string contentSha256)
    {
        if (string.Equals(currentSha256, contentSha256, StringComparison.Ordinal)
            && (expectedCurrentVersion == currentVersion || expectedCurrentVersion == currentVersion - 1))
        {
            return PublishDecision.Replay;
        }

        return expectedCurrentVersion == currentVersion ? PublishDecision.Publish : PublishDecision.Conflict;
    }

    /// <summary>The refusal of a content that failed its checks: INVALID_ARGUMENT on <c>content</c>, listing what is wrong.</summary>
    public static Failure InvalidContent(ReferenceDataKind kind, IReadOnlyList<string> problems)
    {
        var shown = string.Join("; ", problems.Take(MaxProblemsShown).Select(p => p.TrimEnd('.')));
        var more = problems.Count > MaxProblemsShown ? $" (and {problems.Count - MaxProblemsShown} more)" : "";
        return new Failure
        {
            Kind = FailureKind.InvalidArgument,
            Reason = "INVALID_REFERENCE_DATA",
            Message = $"The {KindText(kind)} was not published: {shown}{more}.",
            Field = "content",
        };
    }

    public static Failure ExpectedVersionMissing() => new()
    {
        Kind = FailureKind.InvalidArgument,
        Reason = "EXPECTED_VERSION_REQUIRED",
        Message = "expected_current_version must be the newest version you read (1 or more; ListReferenceDataVersions or GetReferenceData tells it).",
        Field = "expected_current_version",
    };

    public static Failure VersionMismatch(ReferenceDataKind kind, long expected, long current) => new()
    {
        Kind = FailureKind.Aborted,
        Reason = "VERSION_MISMATCH",
        Message = $"The {KindText(kind)} is at version {current}, not {expected}: read it again, and publish over version {current} if your file still applies.",
        Field = "expected_current_version",
    };

    public static Failure UnknownVersion(ReferenceDataKind kind, long version) => new()
    {
        Kind = FailureKind.NotFound,
        Reason = "VERSION_NOT_FOUND",
        Message = $"The {KindText(kind)} has no version {version}.",
        Field = "version",
    };

    private static string KindText(ReferenceDataKind kind) => kind == ReferenceDataKind.Calendar ? "holiday calendar" : "catalogue";

    private static CheckedReferenceData Refused(string problem) => new(null, null, [problem]);
}
