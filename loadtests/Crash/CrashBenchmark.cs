using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using DossierTracking.GrpcApi.V1;
using DossierTracking.LoadTests.Cli;
using DossierTracking.LoadTests.Clients;
using DossierTracking.LoadTests.Reporting;
using Grpc.Core;
using Spectre.Console;

namespace DossierTracking.LoadTests.Crash;

/// <summary>
/// Measures what the crash tests only bound: how long the service takes to recover from a silo's SIGKILL, to drain a
/// silo stopped with SIGTERM, and to take new submissions after a PostgreSQL outage. Starts its own PostgreSQL (through
/// scripts/postgres.sh) and silo processes, a fresh database and cluster id for every round, puts them under load, does
/// the harm, times the recovery, and repeats each measurement a few times with each membership setting.
/// </summary>
public sealed class CrashBenchmark(CrashBenchmarkOptions options, IAnsiConsole console)
{
    private const string KeyId = "crash";
    private static readonly TimeSpan StartupLimit = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan ProbeDeadline = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan ProbePause = TimeSpan.FromMilliseconds(50);

    /// <summary>At most this many acknowledged dossiers are checked after a kill (a third of them lived on the victim).</summary>
    private const int KillSample = 2_000;

    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);
    private readonly string _run = DateTimeOffset.UtcNow.ToString("HHmmss", CultureInfo.InvariantCulture);

    public async Task<int> ExecuteAsync(CancellationToken cancellationToken)
    {
        var startedAt = DateTimeOffset.UtcNow;
        var ownWork = options.WorkDirectory is null;
        var work = options.WorkDirectory ?? Directory.CreateTempSubdirectory("dvc-crash-").FullName;
        Directory.CreateDirectory(work);
        // The PostgreSQL server runs as the postgres user when this runs as root: it must reach its folder.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(work, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }

        var rounds = new List<CrashRound>();
        var notes = new List<string>();
        try
        {
            await using var postgres = new PostgresControl(options.PostgresScript, Path.Combine(work, "pg"), LocalPorts.Next());
            await console.Status().StartAsync("starting PostgreSQL", _ => postgres.StartAsync(cancellationToken));
            await RunRoundsAsync(postgres, work, rounds, notes, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            notes.Add("stopped by Ctrl+C.");
        }
        finally
        {
            if (ownWork)
            {
                TryDelete(work);
            }
        }

        var report = CrashReport.Create(options, startedAt, DateTimeOffset.UtcNow, MachineInfo.Read(), rounds, notes);
        CrashReport.Write(console, report);
        foreach (var file in CrashReport.WriteFiles(report, options.OutputDirectory))
        {
            console.MarkupLine($"[grey]wrote[/] {Markup.Escape(file)}");
        }

        return ExitCodes.Completed;
    }

    /// <summary>Every round of every measurement and membership, in that order, until done or past the time bound.</summary>
    private async Task RunRoundsAsync(PostgresControl postgres, string work, List<CrashRound> rounds, List<string> notes, CancellationToken cancellationToken)
    {
        var bound = Stopwatch.StartNew();
        foreach (var kind in options.Kinds)
        {
            foreach (var membership in options.Memberships)
            {
                for (var round = 1; round <= options.Rounds; round++)
                {
                    if (bound.Elapsed > TimeSpan.FromMinutes(options.MaxMinutes))
                    {
                        notes.Add($"stopped at the {options.MaxMinutes} minute bound before {Name(kind, membership)} round {round}.");
                        return;
                    }

                    cancellationToken.ThrowIfCancellationRequested();
                    console.Write(new Rule($"[bold]{Markup.Escape(Name(kind, membership))}[/] round {round} of {options.Rounds}") { Justification = Justify.Left });
                    var result = await RunRoundAsync(kind, membership, round, postgres, work, cancellationToken);
                    rounds.Add(result);
                    var seconds = result.Seconds is { } s ? $"{s:0.00} s" : "not within the round's limit";
                    console.MarkupLine(Markup.Escape($"{Name(kind, membership)} round {round}: {seconds}; {result.Calls:N0} calls, " +
                        $"{result.FailedCalls:N0} failed, {result.Retries:N0} retried attempts; {result.Detail}"));
                }
            }
        }
    }

    private Task<CrashRound> RunRoundAsync(CrashKind kind, Membership membership, int round, PostgresControl postgres, string work, CancellationToken cancellationToken) =>
        kind switch
        {
            CrashKind.Kill => KillRoundAsync(membership, round, postgres, work, cancellationToken),
            CrashKind.Drain => DrainRoundAsync(membership, round, postgres, work, cancellationToken),
            _ => OutageRoundAsync(membership, round, postgres, work, cancellationToken),
        };

    /// <summary>SIGKILL of one silo under load; the time until every sampled acknowledged dossier is served again.</summary>
    private async Task<CrashRound> KillRoundAsync(Membership membership, int round, PostgresControl postgres, string work, CancellationToken cancellationToken)
    {
        var retries = new RetryTally();
        await using var cluster = await StartClusterAsync(CrashKind.Kill, membership, round, options.Silos, postgres, work, retries, cancellationToken);
        var load = new CrashLoad(cluster, options.Workers, $"{_run}-k{round}{Letter(membership)}");
        List<string> sample;
        TimeSpan servedAgain;
        int unserved;
        try
        {
            await Task.Delay(options.Warmup, cancellationToken);
            const int victim = 1;
            load.MarkDown(victim);
            await cluster[victim].KillAsync();
            var killedAt = Stopwatch.StartNew();
            sample = load.Acknowledged.Keys.OrderBy(_ => Random.Shared.Next()).Take(KillSample).ToList();
            (servedAgain, unserved) = await ServedAgainAsync(load, sample, killedAt, cancellationToken);
            await Task.Delay(options.Cooldown, cancellationToken);
        }
        finally
        {
            await load.StopAsync();
        }

        return Result(CrashKind.Kill, membership, round, unserved == 0 ? servedAgain : null, load, retries,
            unserved == 0
                ? $"{sample.Count:N0} acknowledged dossiers all served again"
                : $"{unserved:N0} of {sample.Count:N0} acknowledged dossiers not served again within {options.RoundLimit.TotalSeconds:0} s");
    }

    /// <summary>
    /// Looks every dossier up until each has answered once, 16 at a time, on the live silos, without client retries;
    /// returns when the last one answered (since the kill) and how many never did within the round's limit.
    /// </summary>
    private async Task<(TimeSpan Last, int Unserved)> ServedAgainAsync(CrashLoad load, IReadOnlyList<string> codes, Stopwatch since, CancellationToken cancellationToken)
    {
        var pending = new ConcurrentDictionary<string, bool>(codes.Select(c => KeyValuePair.Create(c, true)), StringComparer.Ordinal);
        var last = TimeSpan.Zero;
        var gate = new Lock();
        while (!pending.IsEmpty && since.Elapsed < options.RoundLimit)
        {
            await Parallel.ForEachAsync(pending.Keys.ToList(), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (code, token) =>
            {
                try
                {
                    await load.AnyLiveSilo().Probe.GetDossierAsync(new GetDossierRequest { ReceiptCode = code }, deadline: DateTime.UtcNow + ProbeDeadline, cancellationToken: token);
                    var at = since.Elapsed;
                    pending.TryRemove(code, out _);
                    lock (gate)
                    {
                        last = at > last ? at : last;
                    }
                }
                catch (RpcException)
                {
                }
            });

            if (!pending.IsEmpty)
            {
                await Task.Delay(ProbePause, cancellationToken);
            }
        }

        return (last, pending.Count);
    }

    /// <summary>SIGTERM of one silo under load (callers stop choosing it first); the time until it exits.</summary>
    private async Task<CrashRound> DrainRoundAsync(Membership membership, int round, PostgresControl postgres, string work, CancellationToken cancellationToken)
    {
        var retries = new RetryTally();
        await using var cluster = await StartClusterAsync(CrashKind.Drain, membership, round, options.Silos, postgres, work, retries, cancellationToken);
        var load = new CrashLoad(cluster, options.Workers, $"{_run}-d{round}{Letter(membership)}");
        int? exitCode;
        TimeSpan drained;
        try
        {
            await Task.Delay(options.Warmup, cancellationToken);
            var victim = cluster.Count - 1;
            load.MarkDown(victim);
            await cluster[victim].TerminateAsync();
            var stoppedAt = Stopwatch.StartNew();
            exitCode = await cluster[victim].WaitForExitAsync(options.RoundLimit);
            drained = stoppedAt.Elapsed;
            await Task.Delay(options.Cooldown, cancellationToken);
        }
        finally
        {
            await load.StopAsync();
        }

        return Result(CrashKind.Drain, membership, round, exitCode is null ? null : drained, load, retries,
            exitCode is { } code ? $"exit code {code}" : $"still running {options.RoundLimit.TotalSeconds:0} s after SIGTERM");
    }

    /// <summary>
    /// One silo under load; PostgreSQL stopped at once for the outage, then started again; the time from its return
    /// (the start script returning) until a new submission, sent without client retries every 100 ms, succeeds.
    /// </summary>
    private async Task<CrashRound> OutageRoundAsync(Membership membership, int round, PostgresControl postgres, string work, CancellationToken cancellationToken)
    {
        var retries = new RetryTally();
        await using var cluster = await StartClusterAsync(CrashKind.Outage, membership, round, 1, postgres, work, retries, cancellationToken);
        var load = new CrashLoad(cluster, Math.Max(1, options.Workers / 2), $"{_run}-o{round}{Letter(membership)}");
        TimeSpan? recovered = null;
        var attempts = 0;
        long refusedDuringOutage;
        try
        {
            await Task.Delay(options.Warmup, cancellationToken);
            var unavailableBefore = load.Outcomes.GetValueOrDefault(nameof(StatusCode.Unavailable));
            var outage = Stopwatch.StartNew();
            await postgres.KillAsync(cancellationToken);
            var rest = TimeSpan.FromSeconds(options.OutageSeconds) - outage.Elapsed;
            await Task.Delay(rest > TimeSpan.Zero ? rest : TimeSpan.Zero, cancellationToken);
            await postgres.StartAsync(cancellationToken);
            var back = Stopwatch.StartNew();
            refusedDuringOutage = load.Outcomes.GetValueOrDefault(nameof(StatusCode.Unavailable)) - unavailableBefore;

            var probe = cluster[0].Probe;
            while (recovered is null && back.Elapsed < options.RoundLimit)
            {
                attempts++;
                try
                {
                    await probe.SubmitDossierAsync(
                        CrashLoad.NewSubmission(Random.Shared, $"cb-{_run}-o{round}{Letter(membership)}-probe-{attempts}"),
                        deadline: DateTime.UtcNow + TimeSpan.FromSeconds(10), cancellationToken: cancellationToken);
                    recovered = back.Elapsed;
                }
                catch (RpcException)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
                }
            }

            await Task.Delay(options.Cooldown, cancellationToken);
        }
        finally
        {
            await load.StopAsync();
        }

        return Result(CrashKind.Outage, membership, round, recovered, load, retries,
            $"{options.OutageSeconds} s outage, {refusedDuringOutage:N0} load calls refused UNAVAILABLE after their retries; first new submission at attempt {attempts}");
    }

    private static CrashRound Result(CrashKind kind, Membership membership, int round, TimeSpan? measured, CrashLoad load, RetryTally retries, string detail) => new()
    {
        Kind = kind,
        Membership = membership,
        Round = round,
        Seconds = measured?.TotalSeconds,
        Calls = load.Calls,
        Failures = load.Outcomes.Where(o => o.Key != nameof(StatusCode.OK)).ToDictionary(o => o.Key, o => o.Value, StringComparer.Ordinal),
        Retries = retries.Total,
        Detail = detail,
    };

    /// <summary>Silo processes on a new database and cluster id, started one after the other.</summary>
    private async Task<Cluster> StartClusterAsync(CrashKind kind, Membership membership, int round, int silos, PostgresControl postgres, string work,
        RetryTally retries, CancellationToken cancellationToken)
    {
        var name = $"crash_{kind.ToString().ToLowerInvariant()}_{MembershipSettings.NameOf(membership)}_{round}_{_run}";
        var connectionString = await postgres.CreateDatabaseAsync(name, cancellationToken);
        var environment = new Dictionary<string, string>
        {
            ["Storage__Provider"] = "PostgreSql",
            ["Storage__ConnectionString"] = connectionString,
            ["Silo__Clustering"] = "AdoNet",
            ["Silo__ClusterId"] = name.Replace('_', '-'),
            ["Auth__SigningKeys__0__Id"] = KeyId,
            ["Auth__SigningKeys__0__Key"] = Convert.ToBase64String(_key),
            // The recovery probes look dossiers up anonymously, many a second: the guessing limit is not what is measured.
            ["Limits__AnonymousLookupsPerSecond"] = "0",
            ["Limits__CallerLookupsPerSecond"] = "0",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (key, value) in MembershipSettings.Of(membership))
        {
            environment[key] = value;
        }

        var tokens = CallerTokens.ForKey(_key, KeyId);
        var cluster = new Cluster();
        try
        {
            for (var i = 0; i < silos; i++)
            {
                var log = Path.Combine(work, $"{name}-silo{i}.log");
                cluster.Add(await console.Status().StartAsync($"starting silo {i + 1} of {silos}", _ =>
                    SiloNode.StartAsync(options.SiloDll, environment, log, retries, tokens, StartupLimit, cancellationToken)));
            }
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }

        return cluster;
    }

    private static string Name(CrashKind kind, Membership membership) =>
        $"{kind.ToString().ToLowerInvariant()} ({MembershipSettings.NameOf(membership)} membership)";

    private static char Letter(Membership membership) => membership == Membership.Tuned ? 't' : 'd';

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }

    /// <summary>The silos of one round; disposing kills whatever still runs.</summary>
    private sealed class Cluster : List<SiloNode>, IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            foreach (var silo in this)
            {
                await silo.DisposeAsync();
            }
        }
    }
}
