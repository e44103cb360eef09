using Microsoft.Extensions.Options;

namespace DossierTracking.Silo.Configuration;

/// <summary>Start-up check of <see cref="HealthOptions"/>.</summary>
public sealed class HealthOptionsValidator : IValidateOptions<HealthOptions>
{
    public ValidateOptionsResult Validate(string? name, HealthOptions options) =>
        options.DrainDelay is { } delay && (delay < TimeSpan.Zero || delay > HealthOptions.MaxDrainDelay)
            ? ValidateOptionsResult.Fail(
                $"Health:DrainDelay must be between 00:00:00 and {HealthOptions.MaxDrainDelay:c} (default {HealthOptions.DefaultDrainDelay:c}); " +
                "keep it, plus the silo's own stop, within the orchestrator's grace period.")
            : ValidateOptionsResult.Success;
}
