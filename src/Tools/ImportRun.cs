using System.Diagnostics;
using System.Text;
using DossierTracking.GrpcApi.Import;
using DossierTracking.GrpcApi.V1;
using Grpc.Core;

namespace DossierTracking.Tools;

/// <summary>
/// Streams an export file (docs/import.md) into a silo: lines packed into messages (up to 1,000 lines or about 3 MiB),
/// a few messages in flight so the silo always has the next one, each answer's problems printed as they come, the
/// progress every few seconds. Blank lines are passed over but counted, so numbers match the file's.
/// </summary>
public sealed class ImportRun(ImportService.ImportServiceClient client, string path, string source, bool stopOnError)
{
    private const int MaxLines = 1000;
    private const int MaxBytes = 3 * 1024 * 1024;
    private const int Window = 4;

    public TextWriter Output { get; init; } = TextWriter.Null;

    /// <summary>How often progress is printed.</summary>
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromSeconds(5);

    public async Task<ImportDossiersResponse> RunAsync(CancellationToken cancellationToken)
    {
        using var calling = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var call = client.ImportDossiers(cancellationToken: calling.Token);
        using var window = new SemaphoreSlim(Window);
        using var sending = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var clock = Stopwatch.StartNew();
        Exception? sendFailure = null;
        var send = Task.Run(async () =>
        {
            try
            {
                await SendAsync(call.RequestStream, window, sending.Token);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The file could not be read: end the call, and say why below.
                sendFailure = e;
                await calling.CancelAsync();
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                // The call ended while lines were still being sent (a run stopped at a bad line, or the silo went away):
                // the answers say how it ended.
            }
        }, CancellationToken.None);
        ImportDossiersResponse last = new();
        var printed = TimeSpan.Zero;
        try
        {
            while (await call.ResponseStream.MoveNext(cancellationToken))
            {
                last = call.ResponseStream.Current;
                window.Release();
                foreach (var problem in last.Problems)
                {
                    await Output.WriteLineAsync($"line {problem.Line}: {problem.Code}{(problem.Field.Length > 0 ? $" ({problem.Field})" : "")}: {problem.Message}");
                }

                if (clock.Elapsed - printed >= ProgressInterval || last.Finished)
                {
                    printed = clock.Elapsed;
                    var rate = last.LinesDone / Math.Max(clock.Elapsed.TotalSeconds, 0.001);
                    await Output.WriteLineAsync($"{last.LinesDone:N0} lines done: {last.Imported:N0} imported, {last.AlreadyImported:N0} already there, {last.Refused:N0} refused ({rate:N0} lines/s)");
                }

                if (last.Finished)
                {
                    break;
                }
            }
        }
        catch (RpcException) when (sendFailure is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"Cannot read {path}: {sendFailure.Message}", sendFailure);
        }
        finally
        {
            // A run stopped at a bad line (or failed) ends while lines may still be waiting to be sent: the sender is
            // stopped, and its failure then means nothing (the answers said how the run ended).
            await sending.CancelAsync();
            try
            {
                await send;
            }
            catch (Exception)
            {
            }
        }

        return last;
    }

    private async Task SendAsync(IClientStreamWriter<ImportDossiersRequest> requests, SemaphoreSlim window, CancellationToken cancellationToken)
    {
        var message = new ImportDossiersRequest { Source = source, OnError = stopOnError ? ImportErrorMode.Stop : ImportErrorMode.Skip };
        var bytes = 0;
        long number = 0;
        using var reader = new StreamReader(path, Encoding.UTF8);
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var size = Math.Min(Encoding.UTF8.GetByteCount(line), 4 * (ImportLineParser.MaxLineBytes + 1)) + 16;
            if (message.Lines.Count > 0 && (message.Lines.Count == MaxLines || bytes + size > MaxBytes))
            {
                await window.WaitAsync(cancellationToken);
                await requests.WriteAsync(message, cancellationToken);
                message = new ImportDossiersRequest();
                bytes = 0;
            }

            // A line longer than the silo reads is sent cut just past the limit: the silo reports it by its number
            // (LINE_TOO_LONG) instead of the whole message being refused for its size.
            var json = line.Length > ImportLineParser.MaxLineBytes ? line[..(ImportLineParser.MaxLineBytes + 1)] : line;
            message.Lines.Add(new ImportLine { Number = number, Json = json });
            bytes += size;
        }

        // The last message, even empty: the first message carries the run's options.
        await window.WaitAsync(cancellationToken);
        await requests.WriteAsync(message, cancellationToken);
        await requests.CompleteAsync();
    }
}
