using DossierTracking.Contracts.Catalog;
using Microsoft.Extensions.Options;

namespace DossierTracking.Silo.Configuration;

/// <summary>Start-up check of <see cref="ProvinceOptions"/>. Whether a catalogue file can be read is the loader's to say, when it needs one.</summary>
/// <param name="shipped">The shipped catalogue's province: the one served when <see cref="ProvinceOptions.Served"/> is empty.</param>
public sealed class ProvinceOptionsValidator(string shipped) : IValidateOptions<ProvinceOptions>
{
    public ValidateOptionsResult Validate(string? name, ProvinceOptions options)
    {
        var problems = new List<string>();
        foreach (var code in options.Served)
        {
            if (!ProvinceCodes.IsProvinceCode(code))
            {
                problems.Add($"Provinces:Served holds '{code}', which is not a province code (one group of upper-case letters and digits, such as H49).");
            }
        }

        if (options.Served.Distinct(StringComparer.Ordinal).Count() != options.Served.Count)
        {
            problems.Add("Provinces:Served names a province twice.");
        }

        var served = options.ServedOr(shipped);
        foreach (var (code, path) in options.CatalogFiles)
        {
            if (!served.Contains(code, StringComparer.Ordinal))
            {
                problems.Add($"Provinces:CatalogFiles:{code} is given, but {code} is not served: add it to Provinces:Served (served now: {string.Join(", ", served)}).");
            }

            if (string.IsNullOrWhiteSpace(path))
            {
                problems.Add($"Provinces:CatalogFiles:{code} is empty: name the province's first catalogue file, or remove the setting.");
            }
        }

        return problems.Count > 0 ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
    }
}
