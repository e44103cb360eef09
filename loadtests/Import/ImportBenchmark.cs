using DossierTracking.GrpcApi.Probe;
using DossierTracking.GrpcApi.V1;
using DossierTracking.LoadTests.Cli;
using DossierTracking.LoadTests.Clients;
using DossierTracking.LoadTests.Measurement;
using DossierTracking.LoadTests.Reporting;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Spectre.Console;

namespace DossierTracking.LoadTests.Import;

/// <summary>
/// Imports the reference province's history into a running silo and checks it counts: generates the file (or takes
/// one), streams it through ImportDossiers as an administrator and times it with the silo's CPU, asks the 2020
/// province report as a supervisor whether every online dossier of 2020 is counted, and streams the first lines again
/// to see them counted as already imported. Exit code 0 when every check passed, 3 when one failed, 2 when the silo
/// cannot be used.
/// </summary>
public sealed class ImportBenchmark(ImportBenchmarkOptions options, IAnsiConsole console)
{
    public async Task<int> ExecuteAsync(CancellationToken cancellationToken)
    {
        var startedAt = DateTimeOffset.UtcNow;
        var tokens = CallerTokens.FromEnvironment();
        if (tokens is null)
        {
            console.MarkupLine("[red]DVC_SIGNING_KEY is not set: the import needs an administrator's token signed with a key the silo accepts (bash loadtests/run.sh --import sets it).[/]");
            return ExitCodes.Unusable;
        }

        using var channel = ClientChannels.Create(options.Target, new RetryTally(), retry: false);
        var invoker = channel.Intercept(tokens);
        var meter = await CreateMeterAsync(new ProbeService.ProbeServiceClient(invoker), cancellationToken);
        if (meter is null)
        {
            return ExitCodes.Unusable;
        }

        var notes = new List<string>();
        ImportGenerationSummary? generated = null;
        var path = options.File;
        if (path is null)
        {
            path = Path.Combine(options.WorkDirectory, $"import-{options.Dossiers}-{options.Seed}.jsonl");
            generated = GenerateImportCommand.GenerateFile(path, options.Dossiers, options.Seed, console);
            ImportSummaryTable.Print(generated, console);
        }

        var streamer = new ImportStreamer(new ImportService.ImportServiceClient(invoker), tokens.AdminToken(), meter, console);
        var runs = new List<ImportRunResult>();
        var checks = new List<ImportBenchmarkReport.Check>();
        YearReportCheck.Outcome? report = null;
        try
        {
            console.MarkupLine($"Importing {Markup.Escape(path)} as source '{options.Source}', {options.Batch} lines a message, {options.Window} in flight...");
            var first = await streamer.RunAsync("import", path, options, long.MaxValue, cancellationToken);
            runs.Add(first);
            checks.Add(new("every line imported", first.Finished && first.Refused == 0 && first.Imported == first.LinesSent,
                $"{first.Imported:N0} imported, {first.AlreadyImported:N0} already there, {first.Refused:N0} refused of {first.LinesSent:N0} sent; finished: {first.Finished}"
                + (first.Problems.Count > 0 ? "; first problem: " + first.Problems[0] : "")));

            console.MarkupLine($"Asking the 2020 province report (expecting {first.Online2020:N0} online)...");
            var cpuStart = await meter.OpenWindowAsync(cancellationToken);
            report = await YearReportCheck.WaitForAsync(new ReportService.ReportServiceClient(invoker), 2020, first.Online2020,
                TimeSpan.FromSeconds(options.ReportWaitSeconds), cancellationToken);
            var cpuEnd = await meter.CloseWindowAsync(cancellationToken);
            checks.Add(new("2020 report counts the 2020 dossiers", report.Matches,
                $"received online {report.ReceivedOnline:N0}, expected {first.Online2020:N0} (read after {report.WaitSeconds:F1} s){(report.Error is null ? "" : "; " + report.Error)}"));
            if (CpuCost.Between(cpuStart, cpuEnd, first.LinesDone) is { MicrosPerCall: { } after })
            {
                notes.Add($"server CPU while the report caught up: {after / 1000:F3} ms per dossier more.");
            }

            if (options.Repeat > 0)
            {
                var lines = Math.Min(options.Repeat, first.LinesSent);
                console.MarkupLine($"Importing the first {lines:N0} lines again...");
                var again = await streamer.RunAsync("repeat", path, options, lines, cancellationToken);
                runs.Add(again);
                checks.Add(new("a repeat imports nothing again", again.Finished && again.AlreadyImported == again.LinesSent && again.Imported == 0 && again.Refused == 0,
                    $"{again.AlreadyImported:N0} already there, {again.Imported:N0} imported, {again.Refused:N0} refused of {again.LinesSent:N0}"
                    + (again.Problems.Count > 0 ? "; first problem: " + again.Problems[0] : "")));
            }
        }
        catch (RpcException e)
        {
            checks.Add(new("the silo answered", false, $"{e.StatusCode}: {e.Status.Detail}"));
        }
        finally
        {
            if (options.File is null && File.Exists(path))
            {
                File.Delete(path);
            }
        }

        var result = new ImportBenchmarkReport
        {
            StartedAtUtc = startedAt,
            FinishedAtUtc = DateTimeOffset.UtcNow,
            Settings = options,
            Machine = MachineInfo.Read(),
            Generated = generated,
            Runs = runs,
            Report2020 = report,
            Checks = checks,
            Notes = notes,
        };
        var files = result.Write(options.OutputDirectory);
        console.WriteLine();
        console.Write(new Text(result.Markdown()));
        console.MarkupLine($"Results: {Markup.Escape(string.Join(", ", files))}");
        return result.Passed ? ExitCodes.Completed : ExitCodes.ChecksFailed;
    }

    private async Task<ServerCpuMeter?> CreateMeterAsync(ProbeService.ProbeServiceClient probe, CancellationToken cancellationToken)
    {
        try
        {
            var baseline = await probe.GetStatsAsync(new StatsRequest { CollectGarbage = false },
                new CallOptions(deadline: DateTime.UtcNow.AddSeconds(60), cancellationToken: cancellationToken));
            return ServerCpuMeter.Create(probe, baseline);
        }
        catch (RpcException e)
        {
            console.MarkupLine($"[red]No probed silo at {Markup.Escape(options.Target.ToString())} ({e.StatusCode}: {Markup.Escape(e.Status.Detail)}): start it with Diagnostics__EnableProbe=true, or run bash loadtests/run.sh --import.[/]");
            return null;
        }
    }
}
