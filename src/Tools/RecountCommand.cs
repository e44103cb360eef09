using System.CommandLine;
using DossierTracking.GrpcApi.Security;
using DossierTracking.GrpcApi.V1;
using Grpc.Core;

namespace DossierTracking.Tools;

/// <summary>
/// <c>recount [--target http://127.0.0.1:5000] [--token-file admin.jwt]</c>: asks a running silo to recount every
/// agency from the dossiers' stored state and prints each difference. Exit code 0 when everything matches, 1 when
/// something differs, 2 when the command line is wrong or the silo cannot be asked.
/// </summary>
public static class RecountCommand
{
    public const string Name = "recount";

    public static Command Create(OperatorEnvironment environment, TextWriter output, TextWriter error)
    {
        var target = Options.Target(environment);
        var tokenFile = Options.TokenFile(Roles.Administrator);
        var command = new Command(Name, "Recounts every agency from the dossiers' stored state and prints each difference.") { target, tokenFile };
        command.SetAction(async (parsed, cancellation) =>
        {
            var address = parsed.GetValue(target)!;
            if (CallerToken.Resolve(parsed.GetValue(tokenFile), Roles.Administrator, "recount", environment, out var problem) is not { } token)
            {
                await error.WriteLineAsync(problem);
                return OperatorCli.UsageError;
            }

            using var channel = CommandChannel.Create(address);
            var client = new AgencyService.AgencyServiceClient(CallerToken.WithToken(channel, token));
            RecountAgenciesResponse report;
            try
            {
                report = await client.RecountAgenciesAsync(new RecountAgenciesRequest(), deadline: DateTime.UtcNow.AddMinutes(10), cancellationToken: cancellation);
            }
            catch (RpcException e)
            {
                await error.WriteLineAsync($"Cannot recount through {address}: {e.Status.StatusCode} {e.Status.Detail}");
                return OperatorCli.UsageError;
            }

            Print(report, output);
            var clean = report.Differences.Count == 0 && report.ReadModelMissing == 0 && report.ReadModelStale == 0 && report.ReadModelOrphans == 0;
            return clean ? 0 : 1;
        });
        return command;
    }

    private static void Print(RecountAgenciesResponse report, TextWriter output)
    {
        output.WriteLine($"Recounted {report.Dossiers:N0} dossiers over {report.Agencies} agencies at {report.EvaluatedAt.ToDateTimeOffset():u}.");
        output.WriteLine($"Read model: {report.ReadModelMissing} missing, {report.ReadModelStale} stale, {report.ReadModelOrphans} without a dossier.");
        if (report.Differences.Count == 0)
        {
            output.WriteLine("Agency figures: no difference.");
            return;
        }

        output.WriteLine($"Agency figures: {report.Differences.Count} differences");
        output.WriteLine($"{"agency",-12} {"figure",-28} {"live",10} {"recounted",10}");
        foreach (var d in report.Differences)
        {
            output.WriteLine($"{d.AgencyCode,-12} {d.Figure,-28} {d.Live,10} {d.Recounted,10}");
        }
    }
}
