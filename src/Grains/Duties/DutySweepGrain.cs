using System.Diagnostics;
using DossierTracking.Contracts.Dossiers;
using DossierTracking.Contracts.Duties;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Placement;

namespace DossierTracking.Grains.Duties;

/// <summary>
/// The sweep of the scheduled duties (README "Scheduled duties"). Why a sweep of the read model and not a reminder or
/// timer per dossier: every dossier's row already says, in the due index, from when it owes a duty, so one query finds
/// the few that owe one now, whatever the number of dossiers, and nothing needs registering, moving or cleaning up when
/// a dossier changes. One activation in the cluster (key 0), not reentrant: its single activation is the lease, and a
/// silo's wake-up that arrives during a round waits for it. Placed on the silo that wakes it first, one with duties on.
/// Each round asks the candidate dossiers (the due rows, then rows written before the index) to do what they owe;
/// the dossier decides and commits, so a round run twice does nothing twice: the once-ness lives with the dossier, not
/// here. A dossier that answers "nothing due" while its row said otherwise (a row written before, or under other
/// settings) gets its row's time set from its answer, so no row is asked about again and again for nothing.
/// </summary>
[PreferLocalPlacement]
public sealed partial class DutySweepGrain(
    IDutyIndex index,
    [FromKeyedServices(DomainClock.Key)] TimeProvider clock,
    ILogger<DutySweepGrain> logger) : Grain, IDutySweepGrain
{
    /// <summary>Candidates read and asked at a time (concurrently: each is a different dossier grain).</summary>
    public const int PageSize = 100;

    /// <summary>How long a round goes on reading pages; well inside the caller's response timeout (30 s).</summary>
    public static readonly TimeSpan RoundBudget = TimeSpan.FromSeconds(10);

    public async Task<DutySweepReport> SweepAsync()
    {
        var started = Stopwatch.GetTimestamp();
        var now = clock.GetUtcNow();
        var report = new DutySweepReport();
        DutyCandidate? after = null;
        while (true)
        {
            if (Stopwatch.GetElapsedTime(started) > RoundBudget)
            {
                return Finish(report with { Cut = true });
            }

            var page = await index.DueAsync(now, after, PageSize);
            if (page.Count == 0)
            {
                break;
            }

            report = Add(report, await AskAsync(page));
            after = page[^1];
        }

        // Rows written before the due index: asked once, then known (the migration marked closed dossiers known already).
        string? afterCode = null;
        while (true)
        {
            if (Stopwatch.GetElapsedTime(started) > RoundBudget)
            {
                return Finish(report with { Cut = true });
            }

            var page = await index.UnknownAsync(afterCode, PageSize);
            if (page.Count == 0)
            {
                break;
            }

            report = Add(report, await AskAsync(page));
            afterCode = page[^1].ReceiptCode;
        }

        return Finish(report);
    }

    private async Task<DutySweepReport> AskAsync(IReadOnlyList<DutyCandidate> page)
    {
        var results = await Task.WhenAll(page.Select(AskOneAsync));
        return new DutySweepReport
        {
            Asked = page.Count,
            Done = results.Sum(r => r.Done),
            Corrected = results.Count(r => r.Corrected),
            Failed = results.Count(r => r.Failed),
        };
    }

    private async Task<(int Done, bool Corrected, bool Failed)> AskOneAsync(DutyCandidate candidate)
    {
        try
        {
            var run = await GrainFactory.GetGrain<IDossierGrain>(candidate.ReceiptCode).RunDutiesAsync();
            if (run.Done.Count > 0)
            {
                // The new versions reach the read model through the relay, each with its own due-index time.
                return (run.Done.Count, false, false);
            }

            // Nothing was due: the row must say so, or it would be a candidate again at the next round. A row without
            // its dossier (it cannot happen but by hand) leaves the index at the row's version.
            var version = run.Exists ? run.Version : candidate.Version;
            var next = run.Exists ? run.NextDutyAt : null;
            if (Ms(next) == Ms(candidate.DutyAt) && candidate.Version == version && candidate.DutyAt is not null)
            {
                return (0, false, false);
            }

            return (0, await index.SetDutyAtAsync(candidate.ReceiptCode, version, next), false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogAskFailed(e, candidate.ReceiptCode);
            return (0, false, true);
        }
    }

    private DutySweepReport Finish(DutySweepReport report)
    {
        if (report.Done > 0 || report.Failed > 0 || report.Cut)
        {
            LogRound(report.Asked, report.Done, report.Corrected, report.Failed, report.Cut);
        }

        return report;
    }

    private static DutySweepReport Add(DutySweepReport a, DutySweepReport b) => a with
    {
        Asked = a.Asked + b.Asked,
        Done = a.Done + b.Done,
        Corrected = a.Corrected + b.Corrected,
        Failed = a.Failed + b.Failed,
    };

    private static long? Ms(DateTimeOffset? moment) => moment?.ToUnixTimeMilliseconds();

    [LoggerMessage(Level = LogLevel.Information, Message = "Duty sweep: {Asked} dossiers asked, {Done} duties done, {Corrected} rows corrected, {Failed} failed, cut short: {Cut}")]
    private partial void LogRound(int asked, int done, int corrected, int failed, bool cut);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Duty sweep: dossier {ReceiptCode} did not answer; the next round asks again")]
    private partial void LogAskFailed(Exception exception, string receiptCode);
}
