using DossierTracking.Contracts.Agencies;
using DossierTracking.Contracts.Dossiers;
using DossierTracking.Domain.Calendar;
using static DossierTracking.Contracts.Dossiers.DossierState;

namespace DossierTracking.Domain.Agencies;

/// <summary>
/// How an agency's figures and queue follow from the index rows of its dossiers (docs/domain.md "KPIs"). Pure: the agency
/// grain and the recount use the same rules, so a recount that differs points at lost or stale rows, not at rules.
/// </summary>
public static class AgencyFigureRules
{
    /// <summary>A dossier counts for an agency that decides it or whose desk received it.</summary>
    public static bool Concerns(DossierIndexRow row, string agencyCode) =>
        row.HandlingAgencyCode == agencyCode || row.ReceivingDeskCode == agencyCode;

    /// <summary>Waiting for someone at the agency that holds it: intake, processing, or the result to hand over.</summary>
    public static bool AwaitsActionAt(DossierIndexRow row, string agencyCode) =>
        row.CurrentAgencyCode == agencyCode && row.State is Submitted or Received or InProcessing or ResultReady;

    /// <summary>The day a dossier reached the one-stop system: online at submission, otherwise at intake.</summary>
    public static DateTimeOffset? ArrivedAt(DossierIndexRow row) => row.SubmittedAt ?? row.ReceivedAt;

    public static AgencyFigures Compute(string agencyCode, IEnumerable<DossierIndexRow> rows, DateTimeOffset now)
    {
        var byState = new int[11];
        ChannelCounts today = ChannelCounts.Zero, month = ChannelCounts.Zero, year = ChannelCounts.Zero;
        int early = 0, onTime = 0, late = 0, within = 0, overdue = 0, paused = 0, apology = 0, queue = 0, total = 0;
        var processing = TimeSpan.Zero;
        var processed = 0;
        var ratings = SatisfactionCounts.Zero;
        var date = WorkingCalendar.LocalDate(now);
        var byAssignee = new Dictionary<string, int>(StringComparer.Ordinal);

        foreach (var row in rows)
        {
            if (AwaitsActionAt(row, agencyCode))
            {
                queue++;
            }

            if (row.State == InProcessing && row.CurrentAgencyCode == agencyCode)
            {
                byAssignee[row.AssigneeId] = byAssignee.GetValueOrDefault(row.AssigneeId) + 1;
            }

            if (!Concerns(row, agencyCode))
            {
                continue;
            }

            total++;
            byState[(int)row.State]++;
            if (ArrivedAt(row) is { } arrived)
            {
                var day = WorkingCalendar.LocalDate(arrived);
                if (day.Year == date.Year)
                {
                    year = year.Add(row.Channel);
                    if (day.Month == date.Month)
                    {
                        month = month.Add(row.Channel);
                        if (day == date)
                        {
                            today = today.Add(row.Channel);
                        }
                    }
                }
            }

            if (row.State is AwaitingSupplement or AwaitingPayment)
            {
                paused++;
            }

            if (row.ApologyDueAt(now))
            {
                apology++;
            }

            switch (row.TimelinessAt(now))
            {
                case Timeliness.WithinDeadline: within++; break;
                case Timeliness.Overdue: overdue++; break;
                case var outcome when row.FinishedAt is { } finished && WorkingCalendar.LocalDate(finished).Year == date.Year:
                    ratings = ratings.Add(row.Rating);
                    if (outcome == Timeliness.Early) early++;
                    else if (outcome == Timeliness.OnTime) onTime++;
                    else if (outcome == Timeliness.Late) late++;
                    if (row.ProcessingTime > TimeSpan.Zero)
                    {
                        processing += row.ProcessingTime;
                        processed++;
                    }

                    break;
            }
        }

        return new AgencyFigures
        {
            AgencyCode = agencyCode,
            EvaluatedAt = now,
            ByState = byState,
            ReceivedToday = today,
            ReceivedThisMonth = month,
            ReceivedThisYear = year,
            FinishedEarly = early,
            FinishedOnTime = onTime,
            FinishedLate = late,
            OpenWithinDeadline = within,
            OpenOverdue = overdue,
            Paused = paused,
            ApologyDue = apology,
            AverageProcessingTime = processed == 0 ? TimeSpan.Zero : TimeSpan.FromTicks(processing.Ticks / processed),
            QueueLength = queue,
            Total = total,
            Ratings = ratings,
            InProcessingByAssignee = byAssignee,
        };
    }

    /// <summary>
    /// The open dossiers of an agency at <paramref name="now"/> (its <see cref="AgencyFigures.OpenWithinDeadline"/> plus
    /// <see cref="AgencyFigures.OpenOverdue"/>) and the overdue ones, as <see cref="Compute"/> counts them, in one pass
    /// without the other figures: cheap enough to take every minute for the metrics.
    /// </summary>
    public static (int Open, int Overdue) OpenAndOverdue(string agencyCode, IEnumerable<DossierIndexRow> rows, DateTimeOffset now)
    {
        int open = 0, overdue = 0;
        foreach (var row in rows)
        {
            if (!Concerns(row, agencyCode))
            {
                continue;
            }

            switch (row.TimelinessAt(now))
            {
                case Timeliness.WithinDeadline: open++; break;
                case Timeliness.Overdue: open++; overdue++; break;
            }
        }

        return (open, overdue);
    }

    /// <summary>
    /// The <paramref name="limit"/> most urgent dossiers awaiting action at the agency, in order, and how many await:
    /// one pass with a bounded heap, not a sort of the whole queue (a million open dossiers stay cheap to ask).
    /// </summary>
    /// <param name="assigneeId">Only the dossiers assigned to this officer; null for the whole queue.</param>
    public static AgencyQueue QueueHead(string agencyCode, IEnumerable<DossierIndexRow> rows, int limit, DateTimeOffset now, string? assigneeId = null)
    {
        limit = Math.Max(0, limit);
        var leastUrgentFirst = Comparer<DossierIndexRow>.Create((a, b) => QueueOrder(b, a));
        var head = new PriorityQueue<DossierIndexRow, DossierIndexRow>(limit + 1, leastUrgentFirst);
        var length = 0;
        foreach (var row in rows)
        {
            if (!AwaitsActionAt(row, agencyCode) || (assigneeId is not null && row.AssigneeId != assigneeId))
            {
                continue;
            }

            length++;
            if (head.Count < limit)
            {
                head.Enqueue(row, row);
            }
            else if (limit > 0 && QueueOrder(row, head.Peek()) < 0)
            {
                head.EnqueueDequeue(row, row);
            }
        }

        var ordered = new List<DossierIndexRow>(head.Count);
        while (head.Count > 0)
        {
            ordered.Add(head.Dequeue());
        }

        ordered.Reverse();
        return new AgencyQueue([.. ordered], length, now);
    }

    /// <summary>Most urgent first: due date (not yet received last), then receipt code.</summary>
    public static int QueueOrder(DossierIndexRow a, DossierIndexRow b)
    {
        var byDue = a.SortDue.CompareTo(b.SortDue);
        return byDue != 0 ? byDue : string.CompareOrdinal(a.ReceiptCode, b.ReceiptCode);
    }

    /// <summary>Every figure by name, for comparisons (the recount).</summary>
    public static IEnumerable<(string Figure, long Value)> Flatten(AgencyFigures f)
    {
        for (var state = 1; state < f.ByState.Count; state++)
        {
            yield return ($"state.{(DossierState)state}", f.ByState[state]);
        }

        foreach (var (period, counts) in new[] { ("today", f.ReceivedToday), ("month", f.ReceivedThisMonth), ("year", f.ReceivedThisYear) })
        {
            yield return ($"received.{period}.online", counts.Online);
            yield return ($"received.{period}.counter", counts.Counter);
            yield return ($"received.{period}.postal", counts.Postal);
        }

        yield return ("finished.early", f.FinishedEarly);
        yield return ("finished.onTime", f.FinishedOnTime);
        yield return ("finished.late", f.FinishedLate);
        yield return ("open.withinDeadline", f.OpenWithinDeadline);
        yield return ("open.overdue", f.OpenOverdue);
        yield return ("paused", f.Paused);
        yield return ("apologyDue", f.ApologyDue);
        yield return ("averageProcessingSeconds", (long)f.AverageProcessingTime.TotalSeconds);
        yield return ("queue", f.QueueLength);
        yield return ("total", f.Total);
        yield return ("ratings.verySatisfied", f.Ratings.VerySatisfied);
        yield return ("ratings.satisfied", f.Ratings.Satisfied);
        yield return ("ratings.notSatisfied", f.Ratings.NotSatisfied);
    }
}
