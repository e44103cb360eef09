using DossierTracking.GrpcApi.V1;
using DossierTracking.Silo.Configuration;
using Grpc.Core;

namespace DossierTracking.Silo.Operations;

/// <summary>
/// <c>dotnet run --project src/Silo -- recount [--target http://127.0.0.1:5000]</c>: asks a running silo to recount
/// every agency from the dossiers' stored state and prints each difference. Exit code 0 when everything matches,
/// 1 when something differs, 2 when the silo cannot be reached.
/// </summary>
public static class RecountCommand
{
    public static bool Matches(string[] args) => args.Length > 0 && args[0] == "recount";

    public static async Task<int> RunAsync(string[] args, IConfiguration configuration)
    {
        var target = TargetOf(args, configuration);
        using var channel = CommandChannel.Create(target);
        var client = new AgencyService.AgencyServiceClient(
            CommandTokens.WithToken(channel, CommandTokens.Resolve(GrpcApi.Security.Roles.Administrator, "recount", args, configuration)));
        RecountAgenciesResponse report;
        try
        {
            report = await client.RecountAgenciesAsync(new RecountAgenciesRequest(), deadline: DateTime.UtcNow.AddMinutes(10));
        }
        catch (RpcException e)
        {
            Console.Error.WriteLine($"Cannot recount through {target}: {e.Status.StatusCode} {e.Status.Detail}");
            return 2;
        }

        Console.WriteLine($"Recounted {report.Dossiers:N0} dossiers over {report.Agencies} agencies at {report.EvaluatedAt.ToDateTimeOffset():u}.");
        Console.WriteLine($"Read model: {report.ReadModelMissing} missing, {report.ReadModelStale} stale, {report.ReadModelOrphans} without a dossier.");
        if (report.Differences.Count == 0)
        {
            Console.WriteLine("Agency figures: no difference.");
        }
        else
        {
            Console.WriteLine($"Agency figures: {report.Differences.Count} differences");
            Console.WriteLine($"{"agency",-12} {"figure",-28} {"live",10} {"recounted",10}");
            foreach (var d in report.Differences)
            {
                Console.WriteLine($"{d.AgencyCode,-12} {d.Figure,-28} {d.Live,10} {d.Recounted,10}");
            }
        }

        var clean = report.Differences.Count == 0 && report.ReadModelMissing == 0 && report.ReadModelStale == 0 && report.ReadModelOrphans == 0;
        return clean ? 0 : 1;
    }

    /// <summary>--target, or this machine's silo as configured (Network section).</summary>
    internal static string TargetOf(string[] args, IConfiguration configuration)
    {
        var index = Array.IndexOf(args, "--target");
        if (index >= 0 && index + 1 < args.Length)
        {
            return args[index + 1];
        }

        var network = new NetworkOptions();
        configuration.GetSection(NetworkOptions.Section).Bind(network);
        var scheme = string.IsNullOrWhiteSpace(network.CertificatePath) ? "http" : "https";
        var host = network.BindAddress is "0.0.0.0" or "::" ? "127.0.0.1" : network.BindAddress;
        return $"{scheme}://{host}:{network.GrpcPort}";
    }
}
