using Microsoft.Extensions.Options;

namespace DossierTracking.Silo.Configuration;

/// <summary>Start-up check of <see cref="ReferenceDataOptions"/>.</summary>
public sealed class ReferenceDataOptionsValidator : IValidateOptions<ReferenceDataOptions>
{
    public ValidateOptionsResult Validate(string? name, ReferenceDataOptions options) =>
        options.PollInterval < ReferenceDataOptions.MinPollInterval || options.PollInterval > ReferenceDataOptions.MaxPollInterval
            ? ValidateOptionsResult.Fail(
                $"ReferenceData:PollInterval must be between {ReferenceDataOptions.MinPollInterval:c} and {ReferenceDataOptions.MaxPollInterval:c} " +
                "(default 00:00:05): how long a version published on another silo may take to reach this one.")
            : ValidateOptionsResult.Success;
}
