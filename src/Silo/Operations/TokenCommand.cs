using System.Globalization;
using DossierTracking.GrpcApi.Security;

namespace DossierTracking.Silo.Operations;

/// <summary>
/// <c>dotnet run --project src/Silo -- token --role desk_officer --agency H49.50 [--subject mc-01] [--name "…"] [--hours 8]</c>:
/// prints a development token for one caller, signed with this machine's development key. Refused outside
/// Development: production tokens come from the province's identity provider.
/// </summary>
public static class TokenCommand
{
    private const string Usage =
        "usage: token --role <role> [--agency <code>] [--subject <id>] [--name <full name>] [--hours <1-720>]\n" +
        "roles: portal, desk_officer, agency_officer, agency_leader (these three need --agency), supervisor, postal, payment, admin, operator, system, sync";

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

        var hours = double.TryParse(CommandTokens.ValueOf(args, "--hours"), NumberStyles.Float, CultureInfo.InvariantCulture, out var h) && h is > 0 and <= 720 ? h : 8;
        var subject = CommandTokens.ValueOf(args, "--subject") ?? $"dev-{role}";
        Console.WriteLine(CommandTokens.Issue(configuration, role, subject, agency, CommandTokens.ValueOf(args, "--name") ?? "", TimeSpan.FromHours(hours)));
        return 0;
    }
}
