using Microsoft.Extensions.Options;

namespace DossierTracking.Silo.Configuration;

/// <summary>Start-up check of <see cref="ProvincePageOptions"/>.</summary>
public sealed class ProvincePageOptionsValidator : IValidateOptions<ProvincePageOptions>
{
    public ValidateOptionsResult Validate(string? name, ProvincePageOptions options) =>
        options.RefreshInterval < ProvincePageOptions.MinRefreshInterval || options.RefreshInterval > ProvincePageOptions.MaxRefreshInterval
            ? ValidateOptionsResult.Fail(
                $"ProvincePage:RefreshInterval must be between {ProvincePageOptions.MinRefreshInterval:c} and {ProvincePageOptions.MaxRefreshInterval:c} " +
                $"(default {ProvincePageOptions.DefaultRefreshInterval:c}): shorter would ask every agency more than once a second, longer leaves the page stale.")
            : ValidateOptionsResult.Success;
}
