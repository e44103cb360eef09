using DossierTracking.Grains.Duties;
using Microsoft.Extensions.Options;

namespace DossierTracking.Silo.Configuration;

/// <summary>Start-up check of <see cref="DutyOptions"/>.</summary>
public sealed class DutyOptionsValidator : IValidateOptions<DutyOptions>
{
    public ValidateOptionsResult Validate(string? name, DutyOptions options)
    {
        var failures = new List<string>();
        if (options.SweepInterval < TimeSpan.FromMilliseconds(100) || options.SweepInterval > TimeSpan.FromHours(1))
        {
            failures.Add($"Duties:SweepInterval must be between 00:00:00.1 and 01:00:00 (it is {options.SweepInterval:c}); a duty is done at most this long after it falls due, for example 00:01:00.");
        }

        Between(failures, "DueSoonWorkingDays", options.DueSoonWorkingDays, 1, 20, "working days before the due date that the agency is warned");
        Between(failures, "UncollectedResultWorkingDays", options.UncollectedResultWorkingDays, 1, 60, "working days a result may wait at the desk before the desk is reminded");
        Between(failures, "SilentShipmentDays", options.SilentShipmentDays, 1, 90, "days without a report from the post before a shipment is flagged");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Between(List<string> failures, string setting, int value, int low, int high, string meaning)
    {
        if (value < low || value > high)
        {
            failures.Add($"Duties:{setting} must be a whole number from {low} to {high} (it is {value}): the {meaning}.");
        }
    }
}
