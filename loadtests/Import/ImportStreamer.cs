using System.Diagnostics;
using DossierTracking.GrpcApi.V1;
using DossierTracking.LoadTests.Measurement;
using Grpc.Core;
using Spectre.Console;

namespace DossierTracking.LoadTests.Import;

/// <summary>
/// Streams a JSON Lines file through ImportService.ImportDossiers: the first message names the source and says to
/// skip bad lines, every message carries up to <see cref="ImportBenchmarkOptions.Batch"/> lines, and at most
/// <see cref="ImportBenchmarkOptions.Window"/> messages are unanswered at a time (the silo answers each one once its
/// dossiers are stored), so neither side ever holds more than a few messages of the file. Reads the file as it goes.
/// </summary>
public sealed class ImportStreamer(ImportService.ImportServiceClient client, string adminToken, ServerCpuMeter? meter, IAnsiConsole console)
{
    private const int MaxProblemsKept = 20;
    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(5);

    public async Task<ImportRunResult> RunAsync(string name, string path, ImportBenchmarkOptions options, long maxLines, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var headers = new Metadata { { "Authorization", "Bearer " + adminToken } };
        using var call = client.ImportDossiers(new CallOptions(headers, cancellationToken: stop.Token));
        using var window = new SemaphoreSlim(options.Window);
        var problems = new List<string>();
        ImportDossiersResponse? last = null;
        var cpuStart = meter is null ? default : await meter.OpenWindowAsync(cancellationToken);
        var watch = Stopwatch.StartNew();

        var reading = Task.Run(async () =>
        {
            var printed = TimeSpan.Zero;
            try
            {
                await foreach (var answer in call.ResponseStream.ReadAllAsync(stop.Token))
                {
                    last = answer;
                    lock (problems)
                    {
                        problems.AddRange(answer.Problems.Take(MaxProblemsKept - problems.Count)
                            .Select(p => $"line {p.Line}: {p.Code} {p.Field} {p.Message}".Trim()));
                    }

                    window.Release();
                    if (watch.Elapsed - printed >= ProgressEvery || answer.Finished)
                    {
                        printed = watch.Elapsed;
                        console.MarkupLine($"  {name}: {answer.LinesDone:N0} lines done, {answer.Imported:N0} imported, {answer.AlreadyImported:N0} already there, "
                            + $"{answer.Refused:N0} refused; {answer.LinesDone / Math.Max(0.001, watch.Elapsed.TotalSeconds):N0} dossiers/s");
                    }

                    if (answer.Finished || answer.Stopped)
                    {
                        break;
                    }
                }
            }
            finally
            {
                // A writer waiting for room must not wait for answers that will not come.
                await stop.CancelAsync();
            }
        }, CancellationToken.None);

        long sent = 0, messages = 0, online2020 = 0, number = 0;
        try
        {
            using var reader = new StreamReader(path, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 20);
            var request = NewRequest(options, first: true);
            while (sent < maxLines && await reader.ReadLineAsync(stop.Token) is { } line)
            {
                number++;
                if (line.Length == 0)
                {
                    continue;
                }

                request.Lines.Add(new ImportLine { Number = number, Json = line });
                sent++;
                online2020 += ImportLineScan.IsOnlineIn(line, 2020) ? 1 : 0;
                if (request.Lines.Count == options.Batch)
                {
                    await SendAsync(request);
                    request = NewRequest(options, first: false);
                }
            }

            if (request.Lines.Count > 0 || messages == 0)
            {
                await SendAsync(request);
            }

            await call.RequestStream.CompleteAsync();
        }
        catch (Exception e) when (e is RpcException or InvalidOperationException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // The silo ended the call before the file did (a stop on a bad line, or an error status): the answers or
            // the status say why, so they are what the run reports.
        }

        await reading;

        var seconds = watch.Elapsed.TotalSeconds;
        var cpuEnd = meter is null ? default : await meter.CloseWindowAsync(cancellationToken);
        var done = last?.LinesDone ?? 0;
        return new ImportRunResult
        {
            Name = name,
            LinesSent = sent,
            Messages = messages,
            LinesDone = done,
            Imported = last?.Imported ?? 0,
            AlreadyImported = last?.AlreadyImported ?? 0,
            Refused = last?.Refused ?? 0,
            Stopped = last?.Stopped ?? false,
            Finished = last?.Finished ?? false,
            Seconds = seconds,
            Online2020 = online2020,
            Problems = problems,
            Cpu = meter is null ? null : CpuCost.Between(cpuStart, cpuEnd, done),
        };

        async Task SendAsync(ImportDossiersRequest message)
        {
            await window.WaitAsync(stop.Token);
            await call.RequestStream.WriteAsync(message, stop.Token);
            messages++;
        }
    }

    private static ImportDossiersRequest NewRequest(ImportBenchmarkOptions options, bool first) => first
        ? new ImportDossiersRequest { Source = options.Source, OnError = ImportErrorMode.Skip }
        : new ImportDossiersRequest();
}
