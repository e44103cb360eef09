using DossierTracking.Contracts.Agencies;
using DossierTracking.Contracts.Dossiers;
using DossierTracking.Domain.Agencies;

namespace DossierTracking.UnitTests.Agencies;

/// <summary>How an agency's figures and queue follow from its dossiers' rows (docs/domain.md "KPIs").</summary>
public sealed class AgencyFigureRulesTests
{
    private static readonly TimeSpan Vietnam = TimeSpan.FromHours(7);
    private static readonly DateTimeOffset Now = new(2020, 10, 21, 10, 0, 0, Vietnam);

    private static DossierIndexRow Row(string code, DossierState state, Channel channel = Channel.Online, string desk = "H49.50",
        string handling = "H49.08", string? current = null, DateTimeOffset? arrived = null, DateTimeOffset? due = null,
        DateTimeOffset? paused = null, DateTimeOffset? finished = null, Timeliness outcome = Timeliness.NotApplicable,
        DateTimeOffset? apologyFrom = null, TimeSpan processing = default, long version = 1) => new()
    {
        ReceiptCode = code,
        Version = version,
        State = state,
        Channel = channel,
        ProcedureCode = "1.003205",
        ReceivingDeskCode = desk,
        HandlingAgencyCode = handling,
        CurrentAgencyCode = current ?? desk,
        ApplicantName = "",
        ApplicantIdNumber = "",
        ApplicantPhone = "",
        SubmittedAt = channel == Channel.Online ? arrived ?? Now.AddHours(-1) : null,
        ReceivedAt = channel == Channel.Online ? null : arrived ?? Now.AddHours(-1),
        DueAt = due,
        PausedAt = paused,
        FinishedAt = finished,
        ApologyFrom = apologyFrom,
        Outcome = outcome,
        ProcessingTime = processing,
        UpdatedAt = Now,
    };

    [Fact]
    public void Counts_dossiers_the_agency_decides_or_received_and_queues_those_waiting_there()
    {
        var rows = new[]
        {
            Row("A", DossierState.Submitted),
            Row("B", DossierState.InProcessing, current: "H49.08", due: Now.AddDays(5)),
            Row("C", DossierState.InProcessing, handling: "H49.09", current: "H49.09", due: Now.AddDays(5)), // another department's
            Row("D", DossierState.AwaitingSupplement, current: "H49.08", due: Now.AddDays(5), paused: Now.AddDays(-1)),
            Row("E", DossierState.InProcessing, current: "H49.10", due: Now.AddDays(5)), // at a coordinating agency
        };

        var department = AgencyFigureRules.Compute("H49.08", rows, Now);
        Assert.Equal(4, department.Total);
        Assert.Equal(1, department.QueueLength); // B; D is paused, E is elsewhere
        Assert.Equal(1, department.Paused);
        Assert.Equal(3, department.ByState[(int)DossierState.InProcessing] + department.ByState[(int)DossierState.AwaitingSupplement]);

        var desk = AgencyFigureRules.Compute("H49.50", rows, Now);
        Assert.Equal(5, desk.Total);
        Assert.Equal(1, desk.QueueLength); // A waits for intake at the desk

        var coordinating = AgencyFigureRules.Compute("H49.10", rows, Now);
        Assert.Equal(0, coordinating.Total);
        Assert.Equal(1, coordinating.QueueLength);
    }

    [Fact]
    public void Open_dossiers_are_judged_at_the_moment_of_asking_and_paused_ones_at_their_pause()
    {
        var due = new DateTimeOffset(2020, 10, 21, 9, 0, 0, Vietnam);
        var rows = new[]
        {
            Row("A", DossierState.InProcessing, current: "H49.08", due: due),
            Row("B", DossierState.AwaitingSupplement, current: "H49.08", due: due, paused: due.AddHours(-1)),
            Row("C", DossierState.AwaitingPayment, current: "H49.08", due: due, paused: due.AddMinutes(1)),
        };

        var before = AgencyFigureRules.Compute("H49.08", rows, due);
        Assert.Equal((2, 1), (before.OpenWithinDeadline, before.OpenOverdue));
        var after = AgencyFigureRules.Compute("H49.08", rows, due.AddTicks(1));
        Assert.Equal((1, 2), (after.OpenWithinDeadline, after.OpenOverdue)); // B stays within: its clock stopped before
    }

    [Fact]
    public void The_metrics_count_of_open_and_overdue_dossiers_is_the_figures_own()
    {
        var due = new DateTimeOffset(2020, 10, 21, 9, 0, 0, Vietnam);
        var rows = new[]
        {
            Row("A", DossierState.InProcessing, current: "H49.08", due: due),
            Row("B", DossierState.AwaitingSupplement, current: "H49.08", due: due, paused: due.AddHours(-1)),
            Row("C", DossierState.AwaitingPayment, current: "H49.08", due: due, paused: due.AddMinutes(1)),
            Row("D", DossierState.Submitted),
            Row("E", DossierState.ResultReturned, current: "H49.08", due: due, finished: due.AddDays(-1), outcome: Timeliness.Early),
            Row("F", DossierState.InProcessing, handling: "H49.09", current: "H49.09", due: due), // another department's
        };

        foreach (var (agency, at) in new[] { ("H49.08", due), ("H49.08", due.AddTicks(1)), ("H49.50", due.AddDays(30)), ("H49.09", due.AddDays(1)) })
        {
            var figures = AgencyFigureRules.Compute(agency, rows, at);
            Assert.Equal((figures.OpenWithinDeadline + figures.OpenOverdue, figures.OpenOverdue), AgencyFigureRules.OpenAndOverdue(agency, rows, at));
        }

        Assert.Equal((3, 2), AgencyFigureRules.OpenAndOverdue("H49.08", rows, due.AddTicks(1)));
    }

    [Fact]
    public void The_apology_flag_rises_one_working_day_before_due_only_while_the_clock_runs()
    {
        var from = Now.AddHours(-1);
        var rows = new[]
        {
            Row("A", DossierState.InProcessing, current: "H49.08", due: Now.AddHours(5), apologyFrom: from),
            Row("B", DossierState.Received, due: Now.AddHours(5), apologyFrom: Now.AddHours(1)),
            Row("C", DossierState.AwaitingSupplement, due: Now.AddHours(5), paused: Now.AddHours(-2), apologyFrom: from),
            Row("D", DossierState.InProcessing, due: Now.AddHours(5), apologyFrom: null), // an apology was issued
        };

        Assert.Equal(1, AgencyFigureRules.Compute("H49.08", rows, Now).ApologyDue);
        Assert.Equal(2, AgencyFigureRules.Compute("H49.08", rows, Now.AddHours(1)).ApologyDue);
    }

    [Fact]
    public void Received_counts_go_by_the_local_day_of_arrival_and_channel()
    {
        var rows = new[]
        {
            Row("A", DossierState.Submitted, Channel.Online, arrived: new DateTimeOffset(2020, 10, 21, 0, 30, 0, Vietnam)), // 20 Oct in UTC
            Row("B", DossierState.Received, Channel.Counter, arrived: new DateTimeOffset(2020, 10, 20, 23, 59, 0, Vietnam)),
            Row("C", DossierState.Received, Channel.Postal, arrived: new DateTimeOffset(2020, 9, 30, 10, 0, 0, Vietnam)),
            Row("D", DossierState.Received, Channel.Counter, arrived: new DateTimeOffset(2019, 12, 31, 10, 0, 0, Vietnam)),
        };

        var figures = AgencyFigureRules.Compute("H49.08", rows, Now);
        Assert.Equal(new ChannelCounts(1, 0, 0), figures.ReceivedToday);
        Assert.Equal(new ChannelCounts(1, 1, 0), figures.ReceivedThisMonth);
        Assert.Equal(new ChannelCounts(1, 1, 1), figures.ReceivedThisYear);
        Assert.Equal(4, figures.Total);
    }

    [Fact]
    public void Finished_outcomes_and_average_processing_time_cover_the_current_year()
    {
        var thisYear = new DateTimeOffset(2020, 3, 2, 10, 0, 0, Vietnam);
        var lastYear = new DateTimeOffset(2019, 12, 30, 10, 0, 0, Vietnam);
        var rows = new[]
        {
            Row("A", DossierState.ResultReturned, finished: thisYear, outcome: Timeliness.Early, processing: TimeSpan.FromHours(10)),
            Row("B", DossierState.ResultReady, finished: thisYear, outcome: Timeliness.OnTime, processing: TimeSpan.FromHours(20)),
            Row("C", DossierState.ResultReady, finished: thisYear, outcome: Timeliness.Late, processing: TimeSpan.FromHours(60)),
            Row("D", DossierState.ResultReturned, finished: lastYear, outcome: Timeliness.Late, processing: TimeSpan.FromHours(500)),
        };

        var figures = AgencyFigureRules.Compute("H49.08", rows, Now);
        Assert.Equal((1, 1, 1), (figures.FinishedEarly, figures.FinishedOnTime, figures.FinishedLate));
        Assert.Equal(TimeSpan.FromHours(30), figures.AverageProcessingTime);
        Assert.Equal(4, figures.Total);
    }

    [Fact]
    public void The_queue_puts_the_most_urgent_first_and_dossiers_without_a_due_date_last()
    {
        var rows = new List<DossierIndexRow>
        {
            Row("H49.50-201021-0003", DossierState.Submitted),
            Row("H49.50-201021-0002", DossierState.Received, due: Now.AddDays(3)),
            Row("H49.50-201021-0004", DossierState.Received, due: Now.AddDays(1)),
            Row("H49.50-201021-0001", DossierState.Received, due: Now.AddDays(1)),
        };

        rows.Sort(AgencyFigureRules.QueueOrder);
        Assert.Equal(["H49.50-201021-0001", "H49.50-201021-0004", "H49.50-201021-0002", "H49.50-201021-0003"], rows.Select(r => r.ReceiptCode));
    }

    [Fact]
    public void The_queue_head_is_the_most_urgent_part_of_the_whole_order_and_the_length_counts_all()
    {
        var random = new Random(7);
        var rows = Enumerable.Range(0, 500).Select(i => Row($"H49.50-201021-{i:0000}", i % 7 == 0 ? DossierState.Submitted : DossierState.Received,
            due: i % 7 == 0 ? null : Now.AddHours(random.Next(-100, 100)))).ToList();
        rows.Add(Row("H49.50-201021-9999", DossierState.AwaitingPayment, due: Now)); // paused: not in the queue

        var all = rows.Where(r => AgencyFigureRules.AwaitsActionAt(r, "H49.50")).ToList();
        all.Sort(AgencyFigureRules.QueueOrder);
        foreach (var limit in new[] { 0, 1, 10, 499, 500, 600 })
        {
            var head = AgencyFigureRules.QueueHead("H49.50", rows, limit, Now);
            Assert.Equal(500, head.Length);
            Assert.Equal(all.Take(limit).Select(r => r.ReceiptCode), head.Head.Select(r => r.ReceiptCode));
        }
    }
}
