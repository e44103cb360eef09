using DossierTracking.Domain.Calendar;
using DossierTracking.Domain.Catalog;

namespace DossierTracking.Domain.ReferenceData;

/// <summary>
/// A content checked by <see cref="ReferenceDataRules.Check"/>: ready to put in force (the catalogue or the calendar
/// days built from it), or the problems that keep it out, each naming where it is.
/// </summary>
public sealed record CheckedReferenceData(ReferenceCatalog? Catalog, CalendarDays? Calendar, IReadOnlyList<string> Problems)
{
    public bool IsValid => Problems.Count == 0;

    /// <summary>A short description for logs and the command line: the catalogue's version label, or the calendar's years.</summary>
    public string Summary =>
        Catalog is { } catalog ? $"catalogue {catalog.Version}: {catalog.Procedures.Count} procedures, {catalog.Agencies.Count} agencies"
        : Calendar is { Years.Count: > 0 } calendar ? $"calendar {calendar.Years[0]}-{calendar.Years[^1]}"
        : "";
}
