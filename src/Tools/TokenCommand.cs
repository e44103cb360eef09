using System.CommandLine;
using DossierTracking.GrpcApi.Security;

namespace DossierTracking.Tools;

/// <summary>
/// <c>token --role desk_officer --agency H49.50 [--subject mc-01] [--name "…"] [--hours 8] [--signing-key-id id]</c>:
/// prints a development token for one caller, signed with this machine's development key, or with the configured
/// HMAC key that <c>--signing-key-id</c> names: never with a configured key unasked, since those may be production
/// keys. Development only: production tokens come from the province's identity provider.
/// </summary>
public static class TokenCommand
{
    public const string Name = "token";

    public static Command Create(OperatorEnvironment environment, TextWriter output, TextWriter error)
    {
        var role = new Option<string>("--role")
        {
            Description = "portal, desk_officer, agency_officer, agency_leader (these three need --agency), supervisor, postal, payment, admin, operator, system, sync",
            Required = true,
        };
        role.AcceptOnlyFromAmong([.. Roles.All]);
        var agency = new Option<string>("--agency") { Description = "the desk or agency an officer acts for, e.g. H49.50; for a supervisor, the province, e.g. H49" };
        var subject = new Option<string>("--subject") { Description = "the person or partner (claim 'sub'); default dev-{role}" };
        var name = new Option<string>("--name") { Description = "the person's full name (claim 'name')" };
        var hours = new Option<double>("--hours") { Description = "how long the token lasts, at most Auth:MaxTokenLifetime", DefaultValueFactory = _ => 8 };
        var keyId = new Option<string>("--signing-key-id") { Description = "sign with this configured key (Auth:SigningKeys) instead of the development key" };
        var command = new Command(Name, "Prints a development token for one caller (Development only).") { role, agency, subject, name, hours, keyId };
        command.Validators.Add(result =>
        {
            if (Roles.IsOfficer(result.GetValue(role) ?? "") && string.IsNullOrEmpty(result.GetValue(agency)))
            {
                result.AddError("--agency is required for desk_officer, agency_officer and agency_leader.");
            }
        });
        command.SetAction(parsed =>
        {
            if (!environment.IsDevelopment)
            {
                error.WriteLine("token issues development tokens only (DOTNET_ENVIRONMENT=Development, as `dotnet run` sets it).");
                return OperatorCli.UsageError;
            }

            if (parsed.GetValue(hours) is not > 0 and var given)
            {
                error.WriteLine($"--hours must be a positive number, not {given}.");
                return OperatorCli.UsageError;
            }

            var lifetime = TimeSpan.FromHours(parsed.GetValue(hours));
            if (lifetime > environment.MaxTokenLifetime)
            {
                error.WriteLine($"--hours {parsed.GetValue(hours)} is longer than Auth:MaxTokenLifetime ({environment.MaxTokenLifetime}): the silo would refuse such a token.");
                return 1;
            }

            var who = parsed.GetValue(role)!;
            try
            {
                output.WriteLine(environment.IssueToken(new TokenRequest(who, parsed.GetValue(subject) ?? $"dev-{who}", parsed.GetValue(agency) ?? "",
                    parsed.GetValue(name) ?? "", lifetime, parsed.GetValue(keyId))));
                return 0;
            }
            catch (ArgumentException e)
            {
                error.WriteLine(e.Message);
                return 1;
            }
        });
        return command;
    }
}
