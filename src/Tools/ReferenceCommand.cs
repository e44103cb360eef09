using System.CommandLine;
using System.Security.Cryptography;
using System.Text;
using DossierTracking.GrpcApi.Security;
using DossierTracking.GrpcApi.V1;
using Grpc.Core;

namespace DossierTracking.Tools;

/// <summary>
/// <c>reference publish --kind calendar|catalog --file F [--expected-version N]</c> publishes a catalogue or holiday
/// calendar file as the next version of the reference data, in force at once without a rebuild or restart;
/// <c>reference show --kind calendar|catalog [--version N] [--out F]</c> lists the versions (and writes one's content
/// to a file, to edit and publish). Exit code 0 when done (a file already in force publishes nothing and is done),
/// 1 when the silo refused the file (what is wrong is printed) or someone published meanwhile, 2 when the command line
/// is wrong or the silo cannot be asked.
/// </summary>
public static class ReferenceCommand
{
    public const string Name = "reference";

    public static Command Create(OperatorEnvironment environment, TextWriter output, TextWriter error) =>
        new(Name, "Publishes and shows the versions of the reference data: the catalogue and the holiday calendar.")
        {
            Publish(environment, output, error),
            Show(environment, output, error),
        };

    private static Option<string> Kind()
    {
        var kind = new Option<string>("--kind") { Description = "calendar (days off and make-up working days) or catalog (procedures and agencies)", Required = true };
        kind.AcceptOnlyFromAmong("calendar", "catalog");
        return kind;
    }

    private static Option<string> Province() =>
        new("--province") { Description = "the province a catalogue is of, e.g. H49 (default: the deployment's first); not for the calendar, which is national" };

    private static Command Publish(OperatorEnvironment environment, TextWriter output, TextWriter error)
    {
        var kind = Kind();
        var province = Province();
        var file = new Option<FileInfo>("--file") { Description = "the JSON file, in the format of the shipped vn-public-holidays.json or quang-ninh-catalog.json", Required = true };
        var expected = new Option<long?>("--expected-version")
        {
            Description = "the newest version you read (reference show); refused if someone published since. Default: the newest version now",
        };
        expected.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<long?>() is < 1)
            {
                result.AddError("--expected-version must be 1 or more.");
            }
        });
        var target = Options.Target(environment);
        var tokenFile = Options.TokenFile(Roles.Administrator);
        var command = new Command("publish", "Publishes a file as the next version; it is in force at once, on every silo within its poll interval.")
        {
            kind, province, file, expected, target, tokenFile,
        };
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

            var content = await File.ReadAllTextAsync(path.FullName, Encoding.UTF8, cancellation);
            var name = parsed.GetValue(kind)!;
            var provinceCode = parsed.GetValue(province) ?? "";
            var address = parsed.GetValue(target)!;
            using var channel = CommandChannel.Create(address);
            var client = new ReferenceDataService.ReferenceDataServiceClient(CallerToken.WithToken(channel, token));
            try
            {
                var over = parsed.GetValue(expected)
                    ?? (await client.ListReferenceDataVersionsAsync(new ListReferenceDataVersionsRequest { Kind = name, ProvinceCode = provinceCode }, deadline: Deadline(), cancellationToken: cancellation))
                        .Versions.FirstOrDefault()?.Version ?? 1;
                var version = await client.PublishReferenceDataAsync(
                    new PublishReferenceDataRequest { Kind = name, ProvinceCode = provinceCode, Content = content, ExpectedCurrentVersion = over },
                    deadline: Deadline(), cancellationToken: cancellation);
                var sha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));
                await output.WriteLineAsync(version.Version > over
                    ? $"Published {name} version {version.Version} (sha256 {version.Sha256}) over version {over}: in force now."
                    : $"The {name} version {version.Version} is this file already (sha256 {sha256}): nothing published.");
                return 0;
            }
            catch (RpcException e) when (e.StatusCode is StatusCode.InvalidArgument or StatusCode.Aborted or StatusCode.NotFound)
            {
                await error.WriteLineAsync($"Not published: {e.Status.Detail}");
                return 1;
            }
            catch (RpcException e)
            {
                await error.WriteLineAsync($"Cannot publish through {address}: {e.Status.StatusCode} {e.Status.Detail}");
                return OperatorCli.UsageError;
            }
        });
        return command;
    }

    private static Command Show(OperatorEnvironment environment, TextWriter output, TextWriter error)
    {
        var kind = Kind();
        var province = Province();
        var version = new Option<long?>("--version") { Description = "the version to write with --out (default: the newest)" };
        var outFile = new Option<FileInfo?>("--out") { Description = "writes the content of the version to this file (to edit and publish)" };
        var target = Options.Target(environment);
        var tokenFile = Options.TokenFile(Roles.Administrator);
        var command = new Command("show", "Lists the versions, newest first, and which one this silo has in force.") { kind, province, version, outFile, target, tokenFile };
        command.SetAction(async (parsed, cancellation) =>
        {
            if (CallerToken.Resolve(parsed.GetValue(tokenFile), Roles.Administrator, Name, environment, out var problem) is not { } token)
            {
                await error.WriteLineAsync(problem);
                return OperatorCli.UsageError;
            }

            var name = parsed.GetValue(kind)!;
            var address = parsed.GetValue(target)!;
            using var channel = CommandChannel.Create(address);
            var client = new ReferenceDataService.ReferenceDataServiceClient(CallerToken.WithToken(channel, token));
            try
            {
                var provinceCode = parsed.GetValue(province) ?? "";
                var list = await client.ListReferenceDataVersionsAsync(new ListReferenceDataVersionsRequest { Kind = name, ProvinceCode = provinceCode }, deadline: Deadline(), cancellationToken: cancellation);
                await output.WriteLineAsync($"{"version",7}  {"published at (UTC)",-20}  {"by",-24}  sha256");
                foreach (var v in list.Versions)
                {
                    var mark = v.Version == list.InForceVersion ? "  (in force)" : "";
                    await output.WriteLineAsync($"{v.Version,7}  {v.PublishedAt.ToDateTimeOffset():yyyy-MM-dd HH:mm:ss}  {v.PublishedBy,-24}  {v.Sha256}{mark}");
                }

                if (parsed.GetValue(outFile) is { } path)
                {
                    var document = await client.GetReferenceDataAsync(new GetReferenceDataRequest { Kind = name, ProvinceCode = provinceCode, Version = parsed.GetValue(version) ?? 0 },
                        deadline: Deadline(), cancellationToken: cancellation);
                    await File.WriteAllTextAsync(path.FullName, document.Content, new UTF8Encoding(false), cancellation);
                    await output.WriteLineAsync($"Wrote {name} version {document.Version.Version} to {path.FullName}.");
                }

                return 0;
            }
            catch (RpcException e)
            {
                await error.WriteLineAsync($"Cannot read the {name} versions through {address}: {e.Status.StatusCode} {e.Status.Detail}");
                return OperatorCli.UsageError;
            }
        });
        return command;
    }

    private static DateTime Deadline() => DateTime.UtcNow.AddMinutes(2);
}
