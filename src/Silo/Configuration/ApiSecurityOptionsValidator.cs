using DossierTracking.GrpcApi.Security;
using Microsoft.Extensions.Options;

namespace DossierTracking.Silo.Configuration;

/// <summary>Checks section <c>Limits</c> (the lookup throttle).</summary>
public sealed class ApiSecurityOptionsValidator : IValidateOptions<ApiSecurityOptions>
{
    private const int Most = 1_000_000;

    public ValidateOptionsResult Validate(string? name, ApiSecurityOptions options)
    {
        var failures = new List<string>();
        if (options.AnonymousLookupsPerSecond is < 0 or > Most)
        {
            failures.Add($"Limits:AnonymousLookupsPerSecond is lookups per second per network address without a token: 0 (no limit) to {Most:N0}.");
        }

        if (options.CallerLookupsPerSecond is < 0 or > Most)
        {
            failures.Add($"Limits:CallerLookupsPerSecond is lookups per second per caller with a token: 0 (no limit) to {Most:N0}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
