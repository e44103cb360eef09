using System.Globalization;

namespace DossierTracking.LoadTests.Reporting;

/// <summary>
/// What the hot-agency phase saw of one department's live figures while submissions poured into it: the figures'
/// total before, the largest backlog (acknowledged submissions the figures did not count yet) and how long after the
/// last acknowledgement the figures counted every accepted submission.
/// </summary>
public sealed record HotAgencySummary
{
    /// <summary>"Agency figures catch up within 5 s of the last submission."</summary>
    public static readonly TimeSpan CatchUpTarget = TimeSpan.FromSeconds(5);

    /// <summary>How long after the last acknowledgement the phase waits for the figures before calling it a miss.</summary>
    public static readonly TimeSpan CatchUpTimeout = TimeSpan.FromSeconds(30);

    /// <summary>How often GetAgencyFigures is asked, during the submissions and after them.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    public required string AgencyCode { get; init; }
    public required string ProcedureCode { get; init; }
    public required string DeskCode { get; init; }
    public required int Planned { get; init; }

    /// <summary>Submissions acknowledged (SubmitDossier returned a dossier).</summary>
    public required long Accepted { get; init; }

    /// <summary>Acknowledged submissions per second over the phase.</summary>
    public required double? RatePerSecond { get; init; }

    /// <summary>The agency's total once it had settled, before the first submission.</summary>
    public required long TotalBefore { get; init; }

    /// <summary>The total in the last figures read.</summary>
    public required long? TotalLast { get; init; }

    /// <summary>Null when the catch-up was not waited for (the run was stopped).</summary>
    public required bool? CaughtUp { get; init; }

    /// <summary>From the last acknowledgement to the reply of the first figures that counted every accepted submission.</summary>
    public required double? CatchUpMs { get; init; }

    /// <summary>The most acknowledged submissions any figures read had not counted yet.</summary>
    public required long LargestBacklog { get; init; }

    public required int Polls { get; init; }
    public required IReadOnlyDictionary<string, long> PollErrors { get; init; }
    public required double? MaxPollMs { get; init; }

    /// <summary>Every figures read: when (ms since the first submission started), acknowledged so far, counted so far.</summary>
    public required IReadOnlyList<HotAgencySample> Samples { get; init; }

    public bool CaughtUpWithinTarget => CaughtUp == true && CatchUpMs <= CatchUpTarget.TotalMilliseconds;

    /// <summary>The notes line: "hot agency: N submissions to H49.08 at X/s; ...".</summary>
    public string Describe()
    {
        var rate = RatePerSecond is { } r ? r.ToString("N0", CultureInfo.InvariantCulture) : "–";
        var catchUp = CaughtUp switch
        {
            true => string.Create(CultureInfo.InvariantCulture, $"agency figures caught up {CatchUpMs:N0} ms after the last acknowledgement"),
            false => string.Create(CultureInfo.InvariantCulture, $"agency figures did not catch up within {CatchUpTimeout.TotalSeconds:0} s of the last acknowledgement (counted {Counted:N0} of {Accepted:N0})"),
            null => "catch-up not measured (run stopped)",
        };
        return string.Create(
            CultureInfo.InvariantCulture,
            $"hot agency: {Accepted:N0} submissions to {AgencyCode} at {rate}/s; {catchUp}; largest backlog {LargestBacklog:N0} dossiers");
    }

    /// <summary>How much the total rose from <see cref="TotalBefore"/> to the last figures read.</summary>
    public long Counted => (TotalLast ?? TotalBefore) - TotalBefore;
}

/// <summary>One figures read of the hot-agency phase.</summary>
public sealed record HotAgencySample(double AtMs, long Acknowledged, long Counted);
