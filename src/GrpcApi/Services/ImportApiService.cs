using System.Text.RegularExpressions;
using DossierTracking.Contracts.Audit;
using DossierTracking.Contracts.Import;
using DossierTracking.GrpcApi.Errors;
using DossierTracking.GrpcApi.Import;
using DossierTracking.GrpcApi.Security;
using DossierTracking.GrpcApi.V1;
using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace DossierTracking.GrpcApi.Services;

/// <summary>
/// The import of historical dossiers (docs/import.md). Messages are taken one at a time: the lines are read (their
/// form), the silo's import grain checks and writes them, and the answer goes back once they are stored, with the
/// running totals and the refused lines. Each message's imported dossiers are recorded in the audit, with the
/// administrator who ran the import.
/// </summary>
public sealed partial class ImportApiService(IGrainFactory grains, IAuditSink audit, ILogger<ImportApiService> logger) : ImportService.ImportServiceBase
{
    /// <summary>The most lines a message may carry.</summary>
    public const int MaxLinesPerMessage = 1000;

    /// <summary>The largest message: a thousand lines of a few KiB each (a longer line travels in a smaller message).</summary>
    public const int MaxMessageBytes = 4 * 1024 * 1024;

    private const string Method = "/dvc.v1.ImportService/ImportDossiers";

    public override async Task ImportDossiers(IAsyncStreamReader<ImportDossiersRequest> requestStream, IServerStreamWriter<ImportDossiersResponse> responseStream,
        ServerCallContext context)
    {
        var caller = Caller.From(context.GetHttpContext().User);
        var cancellation = context.CancellationToken;
        if (!await requestStream.MoveNext(cancellation))
        {
            throw ApiErrors.Invalid("source", "SOURCE_REQUIRED", "The first message must name the source system.");
        }

        var first = requestStream.Current;
        if (!SourcePattern().IsMatch(first.Source))
        {
            throw ApiErrors.Invalid("source", "SOURCE_INVALID", "source must be 1 to 64 characters: lower-case letters, digits and '-'.");
        }

        var source = first.Source;
        var stop = first.OnError == ImportErrorMode.Stop;
        var totals = new ImportDossiersResponse();
        long lastLine = 0;
        var request = first;
        LogStarted(source, caller.PersonId, stop);
        while (true)
        {
            lastLine = CheckLines(request, lastLine);
            var stopped = await ImportMessage(source, stop, request, totals, caller, cancellation);
            if (stopped)
            {
                totals.Stopped = true;
                totals.Finished = true;
                await responseStream.WriteAsync(totals, cancellation);
                LogFinished(source, totals.Imported, totals.AlreadyImported, totals.Refused, true);
                return;
            }

            await responseStream.WriteAsync(totals, cancellation);
            totals.Problems.Clear();
            if (!await requestStream.MoveNext(cancellation))
            {
                break;
            }

            request = requestStream.Current;
        }

        totals.Finished = true;
        await responseStream.WriteAsync(totals, cancellation);
        LogFinished(source, totals.Imported, totals.AlreadyImported, totals.Refused, false);
    }

    /// <returns>The highest line number of the message.</returns>
    private static long CheckLines(ImportDossiersRequest request, long lastLine)
    {
        if (request.Lines.Count > MaxLinesPerMessage)
        {
            throw ApiErrors.Invalid("lines", "TOO_MANY_LINES", $"A message carries at most {MaxLinesPerMessage} lines; send the rest in the next one.");
        }

        foreach (var line in request.Lines)
        {
            if (line.Number <= lastLine)
            {
                throw ApiErrors.Invalid("lines.number", "LINE_NUMBERS_NOT_INCREASING", $"Line number {line.Number} does not come after {lastLine}: lines are numbered from 1, in order.");
            }

            lastLine = line.Number;
        }

        return lastLine;
    }

    /// <returns>Whether the run stops here (stop mode and a refused line).</returns>
    private async Task<bool> ImportMessage(string source, bool stop, ImportDossiersRequest request, ImportDossiersResponse totals, Caller caller,
        CancellationToken cancellation)
    {
        var dossiers = new List<ImportedDossier>(request.Lines.Count);
        var problems = new List<ImportProblemInfo>();
        var unreadable = 0;
        foreach (var line in request.Lines)
        {
            var (dossier, problem) = ImportLineParser.Parse(line.Number, line.Json);
            if (problem is not null)
            {
                problems.Add(problem);
                unreadable++;
                if (stop)
                {
                    break;
                }

                continue;
            }

            dossiers.Add(dossier!);
        }

        var results = dossiers.Count == 0 ? [] : await grains.GetGrain<IDossierImportGrain>(0).ImportBatchAsync(source, dossiers, stop);
        cancellation.ThrowIfCancellationRequested();
        var imported = new List<string>(results.Count);
        for (var i = 0; i < results.Count; i++)
        {
            switch (results[i].Outcome)
            {
                case ImportOutcome.Imported:
                    totals.Imported++;
                    imported.Add(dossiers[i].ReceiptCode);
                    break;
                case ImportOutcome.AlreadyImported:
                    totals.AlreadyImported++;
                    break;
                default:
                    var failure = results[i].Failure!;
                    problems.Add(new ImportProblemInfo(results[i].Line, failure.Field ?? "", failure.Reason, failure.Message));
                    break;
            }
        }

        totals.Refused += problems.Count;
        totals.LinesDone += results.Count + unreadable;
        totals.Problems.AddRange(problems.OrderBy(p => p.Line).Select(p => new ImportProblem { Line = p.Line, Field = p.Field, Code = p.Code, Message = p.Message }));
        Audit(caller, source, imported);
        return stop && problems.Count > 0;
    }

    private void Audit(Caller caller, string source, List<string> receiptCodes)
    {
        foreach (var chunk in receiptCodes.Chunk(AuditEntry.MaxDossiers))
        {
            audit.TryAppend(AuditEntry.Create(DateTimeOffset.UtcNow, caller.Role, caller.PersonId, caller.AgencyCode, Method, "source", source, "OK", "", "import", chunk));
        }
    }

    [GeneratedRegex("^[a-z0-9-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex SourcePattern();

    [LoggerMessage(Level = LogLevel.Information, Message = "Import from {Source} started by {Administrator} (stop at the first bad line: {Stop})")]
    private partial void LogStarted(string source, string administrator, bool stop);

    [LoggerMessage(Level = LogLevel.Information, Message = "Import from {Source} ended: {Imported} imported, {AlreadyImported} already there, {Refused} refused, stopped {Stopped}")]
    private partial void LogFinished(string source, long imported, long alreadyImported, long refused, bool stopped);
}
