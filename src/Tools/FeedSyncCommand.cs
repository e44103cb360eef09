using System.CommandLine;
using System.Runtime.InteropServices;
using DossierTracking.GrpcApi.Security;
using DossierTracking.GrpcApi.V1;
using Grpc.Core;

namespace DossierTracking.Tools;

/// <summary>
/// <c>feed-sync --out changes.jsonl [--target http://127.0.0.1:5000] [--follow] [--page-size 500] [--quiet] [--token-file sync.jwt]</c>:
/// copies the change feed of a running silo to a JSON Lines file (created readable by its owner only), one change per
/// line, resuming after the last line already in the file (<see cref="FeedSync"/>). Without --follow it stops once it
/// has caught up; with --follow it keeps polling until Ctrl+C or SIGTERM. Exit code 0 when done or stopped, 1 for a
/// file it cannot write, 2 for a wrong command line or a silo it cannot read.
/// </summary>
public static class FeedSyncCommand
{
    public const string Name = "feed-sync";

    public static Command Create(OperatorEnvironment environment, TextWriter output, TextWriter error)
    {
        var file = new Option<FileInfo>("--out") { Description = "the file that receives the changes and records where to resume", Required = true };
        var target = Options.Target(environment);
        var follow = new Option<bool>("--follow") { Description = "keep polling for new changes until Ctrl+C" };
        var pageSize = new Option<int>("--page-size") { Description = "changes per page, 1 to 1000", DefaultValueFactory = _ => 500 };
        pageSize.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 1000)
            {
                result.AddError("--page-size must be a number from 1 to 1000.");
            }
        });
        var quiet = new Option<bool>("--quiet") { Description = "print only the summary" };
        var tokenFile = Options.TokenFile(Roles.Sync);
        var command = new Command(Name, "Copies the change feed to a JSON Lines file, resuming where the file ends.") { file, target, follow, pageSize, quiet, tokenFile };
        command.SetAction(async (parsed, cancellation) =>
        {
            var (path, address) = (parsed.GetValue(file)!.FullName, parsed.GetValue(target)!);
            if (CallerToken.Resolve(parsed.GetValue(tokenFile), Roles.Sync, "feed-sync", environment, out var problem) is not { } token)
            {
                await error.WriteLineAsync(problem);
                return OperatorCli.UsageError;
            }

            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
            using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
            using var channel = CommandChannel.Create(address);
            var sync = new FeedSync(new ChangeFeedService.ChangeFeedServiceClient(CallerToken.WithToken(channel, token)), path)
            {
                PageSize = parsed.GetValue(pageSize),
                Log = parsed.GetValue(quiet) ? null : output,
            };
            try
            {
                var result = await sync.RunAsync(parsed.GetValue(follow), stop.Token);
                await output.WriteLineAsync($"feed-sync: {result.Written} changes appended to {path} (resumed after position {result.ResumedAfter}, now at {result.LastPosition}).");
                return 0;
            }
            catch (RpcException e)
            {
                await error.WriteLineAsync($"Cannot read the change feed through {address}: {e.StatusCode} {e.Status.Detail}");
                return OperatorCli.UsageError;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A missing folder, no permission, or another feed-sync already writing this file.
                await error.WriteLineAsync($"Cannot write {path}: {e.Message}");
                return 1;
            }

            void Stop(PosixSignalContext context)
            {
                // Finish the page being written, then end normally.
                context.Cancel = true;
                stop.Cancel();
            }
        });
        return command;
    }
}
