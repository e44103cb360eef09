using DossierTracking.Contracts.Dossiers;
using Microsoft.Extensions.Options;

namespace DossierTracking.Silo.Configuration;

/// <summary>Start-up check of <see cref="ProvinceOptions"/>.</summary>
public sealed class ProvinceOptionsValidator : IValidateOptions<ProvinceOptions>
{
    public ValidateOptionsResult Validate(string? name, ProvinceOptions options)
    {
        var problems = new List<string>();
        foreach (var code in options.Served)
        {
            if (!IsProvinceCode(code))
            {
                problems.Add($"Provinces:Served holds '{code}', which is not a province code (one group of upper-case letters and digits, such as H49).");
            }
        }

        if (options.Served.Distinct(StringComparer.Ordinal).Count() != options.Served.Count)
        {
            problems.Add("Provinces:Served names a province twice.");
        }

        foreach (var (code, path) in options.CatalogFiles)
        {
            if (options.Served.Count > 0 && !options.Served.Contains(code, StringComparer.Ordinal))
            {
                problems.Add($"Provinces:CatalogFiles:{code} is given, but {code} is not in Provinces:Served.");
            }

            if (string.IsNullOrWhiteSpace(path) || !File.Exists(path))
            {
                problems.Add($"Provinces:CatalogFiles:{code} must name a catalogue file that exists ('{path}' does not).");
            }
        }

        return problems.Count > 0 ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
    }

    private static bool IsProvinceCode(string code) =>
        code.Length <= 16 && ReceiptCode.UnitCodePattern().IsMatch(code) && !code.Contains('.', StringComparison.Ordinal);
}
