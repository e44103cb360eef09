namespace DossierTracking.Contracts.Agencies;

public enum PeriodKind
{
    Day = 1,
    Month = 2,
    Quarter = 3,
    Year = 4,
}

/// <summary>A reporting period in Viet Nam dates: the day, month, quarter or year that contains <see cref="Anchor"/>.</summary>
public sealed record ReportPeriod(PeriodKind Kind, DateOnly Anchor)
{
    public DateOnly First => Kind switch
    {
        PeriodKind.Day => Anchor,
        PeriodKind.Month => new DateOnly(Anchor.Year, Anchor.Month, 1),
        PeriodKind.Quarter => new DateOnly(Anchor.Year, (Anchor.Month - 1) / 3 * 3 + 1, 1),
        _ => new DateOnly(Anchor.Year, 1, 1),
    };

    /// <summary>The first day after the period.</summary>
    public DateOnly End => Kind switch
    {
        PeriodKind.Day => First.AddDays(1),
        PeriodKind.Month => First.AddMonths(1),
        PeriodKind.Quarter => First.AddMonths(3),
        _ => First.AddYears(1),
    };
}

/// <summary>
/// The docs/domain.md KPIs of one scope (an agency, a level, the province) for one period. Dossiers count for an agency
/// that decides them or whose desk received them. Open dossiers are judged at the end of the period, or now for a
/// period that has not ended.
/// </summary>
public sealed record PeriodReport
{
    public required string Scope { get; init; }
    public required ReportPeriod Period { get; init; }
    public required DateTimeOffset EvaluatedAt { get; init; }
    public required ChannelCounts Received { get; init; }
    /// <summary>Arrived before the period and still open when it began.</summary>
    public required int CarriedOver { get; init; }
    public required int FinishedEarly { get; init; }
    public required int FinishedOnTime { get; init; }
    public required int FinishedLate { get; init; }
    public required int Withdrawn { get; init; }
    public required int OpenWithinDeadline { get; init; }
    public required int OpenOverdue { get; init; }
    /// <summary>Waiting for a supplement or a payment now (current periods only).</summary>
    public required int Paused { get; init; }
    /// <summary>(Early + OnTime) / finished; null when nothing finished.</summary>
    public double? OnTimeRate { get; init; }
    /// <summary>Online dossiers / dossiers of online-enabled (level 3 and 4) procedures received in the period.</summary>
    public double? OnlineRate { get; init; }
    public required double Level34Share { get; init; }
    public required double Level4Share { get; init; }
    public required int Procedures { get; init; }
    public required TimeSpan AverageProcessingTime { get; init; }
    /// <summary>20 × (finished early or on time + open within deadline) / (received + carried over), from 0 to 20.</summary>
    public double? ProgressScore { get; init; }
    /// <summary>Ratings of the dossiers finished in the period.</summary>
    public required SatisfactionCounts Ratings { get; init; }
    /// <summary>Dossiers received in the period whose fees were asked for, and of those, the ones paid online.</summary>
    public int FeesRequested { get; init; }
    public int PaidOnline { get; init; }
    /// <summary>PaidOnline / FeesRequested; null when no fee was asked for.</summary>
    public double? OnlinePaymentRate => FeesRequested == 0 ? null : (double)PaidOnline / FeesRequested;
}

/// <summary>Computes KPI reports from the read model.</summary>
public interface IPeriodReports
{
    /// <param name="province">The province the report is of (an agency's own, when one is named).</param>
    /// <param name="agency">The agency or desk; null with <paramref name="level"/> for a level, both null for the province.</param>
    Task<PeriodReport> ComputeAsync(ReportPeriod period, string province, Catalog.AgencyInfo? agency, Catalog.AgencyLevel? level, DateTimeOffset now,
        CancellationToken cancellationToken);
}
