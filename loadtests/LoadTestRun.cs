using System.Globalization;
using DossierTracking.GrpcApi.Probe;
using DossierTracking.GrpcApi.V1;
using DossierTracking.LoadTests.Cli;
using DossierTracking.LoadTests.Clients;
using DossierTracking.LoadTests.Configuration;
using DossierTracking.LoadTests.Measurement;
using DossierTracking.LoadTests.Phases;
using DossierTracking.LoadTests.Reporting;
using Grpc.Core.Interceptors;
using Grpc.Core;
using Npgsql;
using Spectre.Console;

namespace DossierTracking.LoadTests;

/// <summary>
/// One load-test run: preflight, then the phases in their fixed order within the run's time bound, then the report.
/// A phase that fails on a setup call is reported and the run goes on; the bound stops the run between or inside
/// phases and the report says so.
/// </summary>
public sealed class LoadTestRun(LoadTestOptions options, IAnsiConsole console)
{
    public async Task<int> ExecuteAsync(CancellationToken cancellationToken)
    {
        var startedAt = DateTimeOffset.UtcNow;
        var runId = startedAt.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        using var bounds = new RunBounds(options.TimeBound, cancellationToken);
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            // The first Ctrl+C stops the run and still writes the report; a second one ends the process.
            if (!bounds.StopRequested)
            {
                e.Cancel = true;
                bounds.RequestStop("stopped by Ctrl+C");
            }
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            return await RunAsync(startedAt, runId, bounds);
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    private async Task<int> RunAsync(DateTimeOffset startedAt, string runId, RunBounds bounds)
    {
        // One channel for everything, retrying UNAVAILABLE as the README tells clients to (every change has a request_id).
        var retries = new RetryTally();
        using var channel = ClientChannels.Create(options.Target, retries);
        var callerTokens = CallerTokens.FromEnvironment();
        var invoker = callerTokens is { } tokens ? channel.Intercept(tokens) : channel.CreateCallInvoker();
        var probe = new ProbeService.ProbeServiceClient(invoker);

        PreflightResult preflight;
        try
        {
            preflight = await console.Status().StartAsync($"preflight: {Markup.Escape(options.Target.ToString())}", _ =>
                PreflightPhase.RunAsync(probe, new CatalogService.CatalogServiceClient(invoker), options.Target, bounds.Abort));
        }
        catch (SiloUnavailableException e)
        {
            console.MarkupLine($"[red]{Markup.Escape(e.Message)}[/]");
            return ExitCodes.Unusable;
        }

        ServerCpuMeter meter;
        try
        {
            meter = ServerCpuMeter.Create(probe, preflight.Baseline, options.OtherSiloProcessIds);
        }
        catch (ArgumentException e)
        {
            console.MarkupLine($"[red]{Markup.Escape(e.Message)}[/]");
            return ExitCodes.Unusable;
        }

        await using var database = await ConnectDatabaseAsync(bounds.Abort);
        if (options.PostgresConnection is not null && database is null)
        {
            return ExitCodes.Unusable;
        }

        var context = new RunContext
        {
            Options = options,
            RunId = runId,
            Dossiers = new DossierService.DossierServiceClient(invoker),
            Agencies = new AgencyService.AgencyServiceClient(invoker),
            Probe = probe,
            Runner = new LoadRunner(options.Concurrency, options.Seed, meter, database, bounds),
            Bounds = bounds,
            Workload = preflight.Workload,
            Baseline = preflight.Baseline,
        };
        var silo = new SiloInfo
        {
            Target = options.Target.ToString(),
            Storage = preflight.Baseline.Storage,
            ActiveSilos = preflight.Baseline.ActiveSilos,
            ProcessId = preflight.Baseline.ProcessId,
            CpuSource = meter.UsesProc ? meter.Silos > 1 ? $"/proc, summed over {meter.Silos} silos" : "/proc" : "GetStats",
            CatalogVersion = preflight.Catalogue.Version,
        };
        WriteIntroduction(silo, preflight, database?.Info);

        var outcomes = new List<PhaseOutcome>();
        var implicitSubmit = !options.Runs(Phase.Submit) && options.NeedsDossiers;
        if (implicitSubmit)
        {
            context.Notes.Add("submit ran although not selected: the selected phases work on submitted dossiers.");
        }

        await RunPhaseAsync(context, outcomes, Phase.Submit, options.Runs(Phase.Submit) || implicitSubmit, () => SubmitPhase.RunAsync(context));
        await RunPhaseAsync(context, outcomes, Phase.Memory, options.Runs(Phase.Memory), () => MemoryPhase.RunAsync(context));
        await RunPhaseAsync(context, outcomes, Phase.Lookups, options.Runs(Phase.Lookups), () => LookupGroupPhase.RunAsync(context));
        await using var webhooks = options.Webhooks > 0 && options.Runs(Phase.Writes)
            ? await WebhookLoad.StartAsync(invoker, options.Webhooks, bounds.Abort)
            : null;
        await RunPhaseAsync(context, outcomes, Phase.Writes, options.Runs(Phase.Writes), () => WriteGroupPhase.RunAsync(context));
        if (webhooks is not null)
        {
            var note = await webhooks.DescribeAsync(bounds.Abort);
            context.Notes.Add(note);
            console.MarkupLine(Markup.Escape(note));
        }

        await RunPhaseAsync(context, outcomes, Phase.Lifecycle, options.Runs(Phase.Lifecycle), () => LifecyclePhase.RunAsync(context));
        await RunPhaseAsync(context, outcomes, Phase.HotAgency, options.Runs(Phase.HotAgency), () => HotAgencyPhase.RunAsync(context));
        await RunPhaseAsync(context, outcomes, Phase.Cold, options.Runs(Phase.Cold), () => ColdPhase.RunAsync(context));

        if (options.IsSmokeSized)
        {
            context.Notes.Add($"warm-up of {options.WarmupSeconds} s is below the {LoadTestOptions.MinimumRealWarmupSeconds} s the tiered JIT needs here: a smoke run, not a measurement.");
        }

        if (!meter.UsesProc)
        {
            context.Notes.Add("server CPU comes from GetStats (the silo's /proc entry is not readable here); it includes one GetStats call per measured window or slice.");
        }

        if (options.Metrics is { } metricsUrl)
        {
            var note = await SiloLags.DescribeAsync(metricsUrl, callerTokens?.OperatorToken(), bounds.Abort);
            context.Notes.Add(note);
            console.MarkupLine(Markup.Escape(note));
        }

        // Retried attempts are not calls: each call counts once in its row, latency to its last answer included.
        context.Notes.Add($"client retries: {retries.Describe()}; {ClientRetryPolicy.Describe()}.");
        var rows = CeilingRatios.Apply(context.Rows);
        var report = new RunReport
        {
            RunId = runId,
            StartedAtUtc = startedAt,
            FinishedAtUtc = DateTimeOffset.UtcNow,
            StoppedEarly = bounds.StopReason,
            Settings = options,
            Slicing = SlicingSummary.Of(options),
            Machine = MachineInfo.Read(),
            Silo = silo,
            Postgres = database?.Info,
            Workload = WorkloadSummaries.Describe(preflight.Workload, context.Plan),
            Phases = outcomes,
            Operations = rows,
            Submit = context.SubmitSummary,
            Memory = context.Memory,
            HotAgency = context.HotAgency,
            Retries = new RetrySummary(retries.Total, retries.ByMethod, ClientRetryPolicy.Describe()),
            Targets = TargetEvaluator.Evaluate(rows, context.SubmitSummary, context.Memory, context.HotAgency),
            Notes = context.Notes,
        };

        console.WriteLine();
        ConsoleReport.Write(console, report);
        foreach (var file in ReportFiles.Write(report, options.OutputDirectory))
        {
            console.MarkupLine($"[grey]wrote[/] {Markup.Escape(file)}");
        }

        return ExitCodes.Completed;
    }

    private async Task RunPhaseAsync(RunContext context, List<PhaseOutcome> outcomes, Phase phase, bool selected, Func<Task> run)
    {
        var name = PhaseList.NameOf(phase);
        if (!selected)
        {
            outcomes.Add(new PhaseOutcome(name, "not selected"));
            return;
        }

        if (context.Bounds.StopReason is { } reason)
        {
            outcomes.Add(new PhaseOutcome(name, "skipped", reason));
            return;
        }

        if (LoadTestOptions.NeedsSubmitted(phase) && context.Submitted is null)
        {
            outcomes.Add(new PhaseOutcome(name, "skipped", "no submitted dossiers"));
            return;
        }

        console.Write(new Rule($"[bold]{name}[/]") { Justification = Justify.Left });
        try
        {
            await run();
            outcomes.Add(context.Bounds.StopReason is { } stopped
                ? new PhaseOutcome(name, "stopped", stopped)
                : new PhaseOutcome(name, "completed"));
        }
        catch (RpcException e)
        {
            // A setup call (GetStats, ReleaseAll) failed: the phase is lost, the rest of the run may still measure.
            var detail = $"{e.StatusCode}: {e.Status.Detail}";
            outcomes.Add(new PhaseOutcome(name, "failed", detail));
            context.Notes.Add($"{name} failed: {detail}");
            console.MarkupLine($"[red]{Markup.Escape(name)} failed: {Markup.Escape(detail)}[/]");
        }
    }

    /// <summary>The database meter of --pg-connection; null when none was asked, or (said on the console) it failed.</summary>
    private async Task<PostgresMeter?> ConnectDatabaseAsync(CancellationToken cancellationToken)
    {
        if (options.PostgresConnection is not { } connectionString)
        {
            return null;
        }

        try
        {
            return await PostgresMeter.ConnectAsync(connectionString, cancellationToken);
        }
        catch (NpgsqlException e)
        {
            console.MarkupLine($"[red]--pg-connection: cannot reach PostgreSQL ({Markup.Escape(e.Message)}); fix the connection string or leave the option out.[/]");
            return null;
        }
    }

    private void WriteIntroduction(SiloInfo silo, PreflightResult preflight, PostgresInfo? postgres)
    {
        var baseline = preflight.Baseline;
        var levels = string.Join(", ", preflight.Workload.Levels.Select(l => $"{l.Level} {l.Share:P0} ({l.Desks.Count} desks, {l.Procedures.Count} procedures)"));
        console.MarkupLine(Markup.Escape(
            $"silo {silo.Target}: {silo.Storage}, {silo.ActiveSilos} active silo(s), pid {silo.ProcessId}, server CPU from {silo.CpuSource}"));
        if (postgres is not null)
        {
            console.MarkupLine(Markup.Escape(postgres.Describe()));
        }

        console.MarkupLine(Markup.Escape(
            $"baseline: managed heap {Cells.Mb(baseline.ManagedHeapBytes)}, working set {Cells.Mb(baseline.WorkingSetBytes)}, {baseline.ActivationsByType.Values.Sum():N0} activations"));
        console.MarkupLine(Markup.Escape(
            $"catalogue {preflight.Catalogue.Version}: {preflight.Catalogue.Procedures.Count} procedures, {preflight.Catalogue.Agencies.Count} agencies; workload over {levels}"));
        foreach (var warning in preflight.Workload.Warnings)
        {
            console.MarkupLine($"[yellow]{Markup.Escape(warning)}[/]");
        }

        if (options.IsSmokeSized)
        {
            console.MarkupLine($"[yellow]warm-up {options.WarmupSeconds} s < {LoadTestOptions.MinimumRealWarmupSeconds} s: smoke run, the numbers are not a measurement.[/]");
        }
    }
}
