using System.Globalization;
using DossierTracking.GrpcApi.Security;
using DossierTracking.Silo.Configuration;
using Microsoft.Extensions.Options;

namespace DossierTracking.Silo.Operations;

/// <summary>
/// <c>dotnet run --project src/Silo -- token --role desk_officer --agency H49.50 [--subject mc-01] [--name "…"] [--hours 8] [--signing-key-id &lt;id&gt;]</c>:
/// prints a development token for one caller, signed with this machine's development key (the data folder's), or
/// with the configured HMAC key named by <c>--signing-key-id</c>: never with a configured key unasked, since those may
/// be production keys. Refused outside Development: production tokens come from the province's identity provider.
/// </summary>
public static class TokenCommand
{
    private const string Usage =
        "usage: token --role <role> [--agency <code>] [--subject <id>] [--name <full name>] [--hours <hours, at most Auth:MaxTokenLifetime>] [--signing-key-id <id in Auth:SigningKeys>]\n" +
        "roles: portal, desk_officer, agency_officer, agency_leader (these three need --agency), supervisor, postal, payment, admin, operator, system, sync\n" +
        "signed with the data folder's development key unless --signing-key-id names a configured key";

    public static bool Matches(string[] args) => args.Length > 0 && args[0] == "token";

    public static int Run(string[] args, IConfiguration configuration)
    {
        if (!CommandTokens.IsDevelopment)
        {
            Console.Error.WriteLine("token issues development tokens only (DOTNET_ENVIRONMENT=Development, as `dotnet run` sets it).");
            return 2;
        }

        var role = CommandTokens.ValueOf(args, "--role") ?? "";
        var agency = CommandTokens.ValueOf(args, "--agency") ?? "";
        if (!Roles.All.Contains(role) || (Roles.IsOfficer(role) && agency.Length == 0))
        {
            Console.Error.WriteLine(Usage);
            return 1;
        }

        var maxLifetime = configuration.GetValue(AuthOptions.Section + ":" + nameof(AuthOptions.MaxTokenLifetime), AuthOptions.DefaultMaxTokenLifetime);
        var hoursGiven = CommandTokens.ValueOf(args, "--hours");
        var lifetime = TimeSpan.FromHours(8) < maxLifetime ? TimeSpan.FromHours(8) : maxLifetime;
        if (hoursGiven is not null)
        {
            if (!double.TryParse(hoursGiven, NumberStyles.Float, CultureInfo.InvariantCulture, out var hours) || hours <= 0)
            {
                Console.Error.WriteLine($"--hours must be a positive number.\n{Usage}");
                return 1;
            }

            lifetime = TimeSpan.FromHours(hours);
            if (lifetime > maxLifetime)
            {
                Console.Error.WriteLine($"--hours {hoursGiven} is longer than Auth:MaxTokenLifetime ({maxLifetime}): the silo would refuse such a token.");
                return 1;
            }
        }

        var subject = CommandTokens.ValueOf(args, "--subject") ?? $"dev-{role}";
        try
        {
            Console.WriteLine(CommandTokens.Issue(configuration, role, subject, agency, CommandTokens.ValueOf(args, "--name") ?? "", lifetime,
                CommandTokens.ValueOf(args, "--signing-key-id")));
            return 0;
        }
        catch (Exception e) when (e is ArgumentException or OptionsValidationException)
        {
            Console.Error.WriteLine(e.Message);
            return 1;
        }
    }
}
