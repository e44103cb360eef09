using DossierTracking.Contracts.Agencies;
using DossierTracking.Contracts.Catalog;
using DossierTracking.Contracts.Dossiers;
using DossierTracking.Domain.Agencies;
using DossierTracking.Domain.Calendar;
using static DossierTracking.Contracts.Dossiers.DossierState;

namespace DossierTracking.Domain.Reports;

/// <summary>The KPIs of a period from the dossiers' rows (docs/domain.md "KPIs"). Pure, so a test can count by hand.</summary>
public static class PeriodReportRules
{
    public static DateTimeOffset Start(DateOnly date) => new(date.ToDateTime(TimeOnly.MinValue), WorkingCalendar.LocalOffset);

    /// <summary>Procedures offered by a scope: an agency's own, every procedure of a level, or all.</summary>
    public static IReadOnlyList<ProcedureInfo> ProceduresOf(ICatalog catalog, AgencyInfo? agency, AgencyLevel? level) =>
        agency is not null
            ? catalog.Procedures.Where(p => p.AgencyCode == agency.Code || (p.AgencyCode is null && p.AgencyLevel == agency.Level && agency.Kind is not AgencyKind.ServiceCentre)).ToList()
            : level is { } l ? catalog.Procedures.Where(p => p.AgencyLevel == l).ToList() : catalog.Procedures;

    public static PeriodReport Compute(string scope, ReportPeriod period, IEnumerable<DossierIndexRow> rows, ICatalog catalog,
        IReadOnlyList<ProcedureInfo> procedures, DateTimeOffset now)
    {
        var start = Start(period.First);
        var end = Start(period.End);
        var judgedAt = now < end ? now : end;
        var received = ChannelCounts.Zero;
        int carried = 0, early = 0, onTime = 0, late = 0, withdrawn = 0, within = 0, overdue = 0, paused = 0;
        int onlineEnabled = 0, online = 0, processed = 0, feesRequested = 0, paidOnline = 0;
        var processing = TimeSpan.Zero;
        var ratings = SatisfactionCounts.Zero;

        foreach (var row in rows)
        {
            if (AgencyFigureRules.ArrivedAt(row) is not { } arrived || arrived >= end)
            {
                continue;
            }

            var finishedAt = row.FinishedAt;
            var closedAt = finishedAt ?? (row.State is RejectedAtIntake or Stopped ? row.UpdatedAt : null);
            if (arrived >= start)
            {
                received = received.Add(row.Channel);
                if (row.Payment != PaymentMark.None)
                {
                    feesRequested++;
                    paidOnline += row.Payment == PaymentMark.PaidOnline ? 1 : 0;
                }

                if (catalog.FindProcedure(row.ProcedureCode) is { ServiceLevel: >= 3 })
                {
                    onlineEnabled++;
                    if (row.Channel == Channel.Online)
                    {
                        online++;
                    }
                }
            }
            else if (closedAt is null || closedAt >= start)
            {
                carried++;
            }

            if (finishedAt is { } f && f >= start && f < end)
            {
                if (row.State == Withdrawn)
                {
                    withdrawn++;
                }
                else
                {
                    ratings = ratings.Add(row.Rating);
                    switch (row.Outcome)
                    {
                        case Timeliness.Early: early++; break;
                        case Timeliness.OnTime: onTime++; break;
                        case Timeliness.Late: late++; break;
                    }

                    if (row.ProcessingTime > TimeSpan.Zero)
                    {
                        processing += row.ProcessingTime;
                        processed++;
                    }
                }
            }

            // Open at the moment of judging: received with a due date, not finished or closed by then.
            if (row.DueAt is { } due && row.ReceivedAt is { } receivedAt && receivedAt < judgedAt && (closedAt is null || closedAt >= judgedAt))
            {
                var at = judgedAt == now && row.PausedAt is { } pausedAt ? pausedAt : judgedAt;
                if (at <= due) within++;
                else overdue++;
            }

            if (judgedAt == now && row.State is AwaitingSupplement or AwaitingPayment)
            {
                paused++;
            }
        }

        var finished = early + onTime + late;
        var handled = received.Total + carried;
        return new PeriodReport
        {
            Scope = scope,
            Period = period,
            EvaluatedAt = now,
            Received = received,
            CarriedOver = carried,
            FinishedEarly = early,
            FinishedOnTime = onTime,
            FinishedLate = late,
            Withdrawn = withdrawn,
            OpenWithinDeadline = within,
            OpenOverdue = overdue,
            Paused = paused,
            OnTimeRate = finished == 0 ? null : (double)(early + onTime) / finished,
            OnlineRate = onlineEnabled == 0 ? null : (double)online / onlineEnabled,
            Procedures = procedures.Count,
            Level34Share = procedures.Count == 0 ? 0 : (double)procedures.Count(p => p.ServiceLevel >= 3) / procedures.Count,
            Level4Share = procedures.Count == 0 ? 0 : (double)procedures.Count(p => p.ServiceLevel >= 4) / procedures.Count,
            AverageProcessingTime = processed == 0 ? TimeSpan.Zero : TimeSpan.FromTicks(processing.Ticks / processed),
            ProgressScore = handled == 0 ? null : Math.Min(20, 20.0 * (early + onTime + within) / handled),
            Ratings = ratings,
            FeesRequested = feesRequested,
            PaidOnline = paidOnline,
        };
    }
}
