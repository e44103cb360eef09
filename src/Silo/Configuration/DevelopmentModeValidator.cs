using System.Net;
using Microsoft.Extensions.Options;

namespace DossierTracking.Silo.Configuration;

/// <summary>
/// Development mode opens reflection to anyone and accepts tokens signed with a key kept in the data folder: fine on
/// a developer's own machine, a hole anywhere else. So in Development the silo listens on loopback only.
/// </summary>
public sealed class DevelopmentModeValidator(bool development) : IValidateOptions<NetworkOptions>
{
    public ValidateOptionsResult Validate(string? name, NetworkOptions options) =>
        development && IPAddress.TryParse(options.BindAddress, out var address) && !IPAddress.IsLoopback(address)
            ? ValidateOptionsResult.Fail(
                $"Network:BindAddress {address} is not loopback, and the silo runs in Development (reflection open to anyone, tokens signed with the data folder's key): " +
                "bind to 127.0.0.1, or run outside Development (DOTNET_ENVIRONMENT=Production) with Auth:Authority or Auth:SigningKeys configured.")
            : ValidateOptionsResult.Success;
}
