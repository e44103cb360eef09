using DossierTracking.Contracts.Agencies;
using DossierTracking.Contracts.Catalog;

using DossierTracking.Domain.Reports;

namespace DossierTracking.Grains.Reports;

/// <summary>
/// Reads a scope's rows from the read model and applies <see cref="PeriodReportRules"/>. A level's units are those that
/// acted during the period (a district-level unit dissolved on 30 June 2025 counts in a report of 2025's first half,
/// not of its second); a dossier is counted under the unit codes it was handled by, which it keeps. Every report is of one
/// province (the caller's), and only that province's dossiers and units count.
/// </summary>
public sealed class PeriodReports(IDossierIndex index, IProvinces provinces) : IPeriodReports
{
    public async Task<PeriodReport> ComputeAsync(ReportPeriod period, string province, AgencyInfo? agency, AgencyLevel? level, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var catalog = provinces.Catalog(province) ?? throw new ArgumentException($"Province {province} is not served here.", nameof(province));
        var (scope, handling, desks) = agency is not null
            ? (agency.Code, (IReadOnlyCollection<string>?)[agency.Code], (IReadOnlyCollection<string>?)[agency.Code])
            : level is { } l
                ? ($"level {l}", catalog.Agencies.Where(a => a.Level == l && a.IsValidDuring(period.First, period.End)).Select(a => a.Code).ToList(), (IReadOnlyCollection<string>?)[])
                : ("province", null, null);

        var end = PeriodReportRules.Start(period.End);
        var rows = new List<DossierIndexRow>();
        await foreach (var row in index.ReadForReportAsync(province, handling, desks, end, cancellationToken))
        {
            rows.Add(row);
        }

        return PeriodReportRules.Compute(scope, period, rows, catalog, PeriodReportRules.ProceduresOf(catalog, agency, level), now);
    }
}
