using System.CommandLine;
using DossierTracking.GrpcApi.Security;
using DossierTracking.GrpcApi.V1;
using Grpc.Core;

namespace DossierTracking.Tools;

/// <summary>
/// <c>import --file export.jsonl --source qn-egov [--on-error skip|stop]</c>: imports another system's dossiers
/// (docs/import.md) into a running silo, printing progress and each refused line. Exit code 0 when every line was
/// imported or already there, 1 when some were refused (or the run stopped at one), 2 when the command line is wrong
/// or the silo cannot be reached. Running it again with the same file finishes an interrupted run.
/// </summary>
public static class ImportCommand
{
    public const string Name = "import";

    public static Command Create(OperatorEnvironment environment, TextWriter output, TextWriter error)
    {
        var file = new Option<FileInfo>("--file") { Description = "the export: JSON Lines as docs/import.md describes", Required = true };
        var source = new Option<string>("--source") { Description = "the old system's name (lower-case letters, digits, '-'): with each line's source_id, what makes a repeated run skip what it imported", Required = true };
        var onError = new Option<string>("--on-error") { Description = "what a bad line does: skip (report it and go on) or stop", DefaultValueFactory = _ => "skip" };
        onError.AcceptOnlyFromAmong("skip", "stop");
        var target = Options.Target(environment);
        var tokenFile = Options.TokenFile(Roles.Administrator);
        var command = new Command(Name, "Imports dossiers from another system's export into the running service.") { file, source, onError, target, tokenFile };
        command.SetAction(async (parsed, cancellation) =>
        {
            var path = parsed.GetValue(file)!;
            if (!path.Exists)
            {
                await error.WriteLineAsync($"No file {path.FullName}.");
                return OperatorCli.UsageError;
            }

            if (CallerToken.Resolve(parsed.GetValue(tokenFile), Roles.Administrator, Name, environment, out var problem) is not { } token)
            {
                await error.WriteLineAsync(problem);
                return OperatorCli.UsageError;
            }

            var address = parsed.GetValue(target)!;
            using var channel = CommandChannel.Create(address);
            var run = new ImportRun(new ImportService.ImportServiceClient(CallerToken.WithToken(channel, token)), path.FullName, parsed.GetValue(source)!,
                parsed.GetValue(onError) == "stop") { Output = output };
            ImportDossiersResponse result;
            try
            {
                result = await run.RunAsync(cancellation);
            }
            catch (RpcException e)
            {
                await error.WriteLineAsync($"Cannot import through {address}: {e.Status.StatusCode} {e.Status.Detail}");
                return OperatorCli.UsageError;
            }
            catch (IOException e)
            {
                await error.WriteLineAsync(e.Message);
                return OperatorCli.UsageError;
            }

            await output.WriteLineAsync(result.Stopped
                ? $"Stopped at a bad line: {result.Imported:N0} imported, {result.AlreadyImported:N0} already there. Fix the line and run again: what is imported is skipped."
                : $"Done: {result.Imported:N0} imported, {result.AlreadyImported:N0} already there, {result.Refused:N0} refused.");
            return result.Refused == 0 && !result.Stopped ? 0 : 1;
        });
        return command;
    }
}
