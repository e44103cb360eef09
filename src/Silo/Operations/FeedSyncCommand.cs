using System.Globalization;
using System.Runtime.InteropServices;
using DossierTracking.GrpcApi.V1;
using Grpc.Core;

namespace DossierTracking.Silo.Operations;

/// <summary>
/// <c>dotnet run --project src/Silo -- feed-sync --out changes.jsonl [--target http://127.0.0.1:5000] [--follow] [--page-size N]</c>:
/// copies the change feed of a running silo to a JSON Lines file, one change per line, resuming after the last line
/// already in the file (see <see cref="FeedSync"/>). Without --follow it stops once it has caught up; with --follow it
/// keeps polling until Ctrl+C or SIGTERM. Exit code 0 when done or stopped, 1 for bad arguments or an unwritable file,
/// 2 when the silo cannot be read.
/// </summary>
public static class FeedSyncCommand
{
    public const string Name = "feed-sync";

    private const string Usage =
        "usage: feed-sync --out <file.jsonl> [--target http://127.0.0.1:5000] [--follow] [--page-size 1-1000] [--quiet] [--token <sync token>]";

    public static bool Matches(string[] args) => args.Length > 0 && args[0] == Name;

    public static async Task<int> RunAsync(string[] args, IConfiguration configuration)
    {
        string? output = null;
        var follow = false;
        var quiet = false;
        var pageSize = 500;
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--out" when i + 1 < args.Length:
                    output = args[++i];
                    break;
                case "--target" or "--token" when i + 1 < args.Length:
                    i++;
                    break;
                case "--follow":
                    follow = true;
                    break;
                case "--quiet":
                    quiet = true;
                    break;
                case "--page-size" when i + 1 < args.Length:
                    if (!int.TryParse(args[++i], NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize is < 1 or > 1000)
                    {
                        Console.Error.WriteLine($"--page-size must be a number from 1 to 1000.\n{Usage}");
                        return 1;
                    }

                    break;
                default:
                    Console.Error.WriteLine($"Unknown or incomplete argument '{args[i]}'.\n{Usage}");
                    return 1;
            }
        }

        if (string.IsNullOrWhiteSpace(output))
        {
            Console.Error.WriteLine($"--out is required: the file that receives the changes and records where to resume.\n{Usage}");
            return 1;
        }

        var target = RecountCommand.TargetOf(args, configuration);
        using var stop = new CancellationTokenSource();
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        using var channel = CommandChannel.Create(target);
        var invoker = CommandTokens.WithToken(channel, CommandTokens.Resolve(GrpcApi.Security.Roles.Sync, "feed-sync", args, configuration));
        var sync = new FeedSync(new ChangeFeedService.ChangeFeedServiceClient(invoker), Path.GetFullPath(output))
        {
            PageSize = pageSize,
            Log = quiet ? null : Console.Out,
        };
        try
        {
            var result = await sync.RunAsync(follow, stop.Token);
            Console.WriteLine($"feed-sync: {result.Written} changes appended to {output} (resumed after position {result.ResumedAfter}, " +
                $"now at {result.LastPosition}).");
            return 0;
        }
        catch (RpcException e)
        {
            Console.Error.WriteLine($"Cannot read the change feed through {target}: {e.StatusCode} {e.Status.Detail}");
            return 2;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A missing folder, no permission, or another feed-sync already writing this file.
            Console.Error.WriteLine($"Cannot write {output}: {e.Message}");
            return 1;
        }

        void Stop(PosixSignalContext context)
        {
            // Finish the page being written, then end normally.
            context.Cancel = true;
            stop.Cancel();
        }
    }
}
