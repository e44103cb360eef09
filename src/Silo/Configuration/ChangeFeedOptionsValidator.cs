using Microsoft.Extensions.Options;

namespace DossierTracking.Silo.Configuration;

/// <summary>Start-up check of <see cref="ChangeFeedOptions"/>.</summary>
public sealed class ChangeFeedOptionsValidator : IValidateOptions<ChangeFeedOptions>
{
    public ValidateOptionsResult Validate(string? name, ChangeFeedOptions options)
    {
        var failures = new List<string>();
        if (options.MoveInterval < TimeSpan.FromMilliseconds(10) || options.MoveInterval > TimeSpan.FromMinutes(1))
        {
            failures.Add("ChangeFeed:MoveInterval must be between 00:00:00.010 and 00:01:00.");
        }

        if (options.MoveBatch is < 1 or > 100_000)
        {
            failures.Add("ChangeFeed:MoveBatch must be between 1 and 100000.");
        }

        if (options.Retention != TimeSpan.Zero && (options.Retention < TimeSpan.FromSeconds(1) || options.Retention > TimeSpan.FromDays(3650)))
        {
            failures.Add("ChangeFeed:Retention must be 00:00:00 (keep every change) or between 00:00:01 and 3650.00:00:00.");
        }

        if (options.RetentionInterval < TimeSpan.FromMilliseconds(100) || options.RetentionInterval > TimeSpan.FromDays(1))
        {
            failures.Add("ChangeFeed:RetentionInterval must be between 00:00:00.100 and 1.00:00:00.");
        }

        if (options.RetentionBatch is < 1 or > 100_000)
        {
            failures.Add("ChangeFeed:RetentionBatch must be between 1 and 100000.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
