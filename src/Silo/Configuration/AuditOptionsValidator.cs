using Microsoft.Extensions.Options;

namespace DossierTracking.Silo.Configuration;

/// <summary>Start-up check of <see cref="AuditOptions"/>.</summary>
public sealed class AuditOptionsValidator : IValidateOptions<AuditOptions>
{
    public ValidateOptionsResult Validate(string? name, AuditOptions options)
    {
        var failures = new List<string>();
        if (options.Retention < TimeSpan.FromDays(62) || options.Retention > TimeSpan.FromDays(36_525))
        {
            // Under two months, the retention could drop the partition of the month that has just ended while it is still being read.
            failures.Add("Audit:Retention must be between 62.00:00:00 (two months) and 36525.00:00:00 (a hundred years); the default is 1096.00:00:00 (three years).");
        }

        if (options.BatchSize is < 1 or > 50_000)
        {
            failures.Add("Audit:BatchSize must be between 1 and 50000.");
        }

        if (options.FlushInterval < TimeSpan.FromMilliseconds(10) || options.FlushInterval > TimeSpan.FromSeconds(10))
        {
            failures.Add("Audit:FlushInterval must be between 00:00:00.010 and 00:00:10.");
        }

        if (options.BufferSize < 1_000 || options.BufferSize > 10_000_000)
        {
            failures.Add("Audit:BufferSize must be between 1000 and 10000000 entries.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
