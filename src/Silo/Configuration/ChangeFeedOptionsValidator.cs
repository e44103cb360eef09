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

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
