using DossierTracking.Grains.Streams;
using Microsoft.Extensions.Options;

namespace DossierTracking.Silo.Configuration;

/// <summary>Start-up check of <see cref="FeedStreamOptions"/>.</summary>
public sealed class FeedStreamOptionsValidator : IValidateOptions<FeedStreamOptions>
{
    public ValidateOptionsResult Validate(string? name, FeedStreamOptions options)
    {
        var failures = new List<string>();
        if (options.PollInterval < TimeSpan.FromMilliseconds(10) || options.PollInterval > TimeSpan.FromMinutes(1))
        {
            failures.Add("Streams:PollInterval must be between 00:00:00.010 and 00:01:00.");
        }

        if (options.ReadBatch is < 1 or > 10_000)
        {
            failures.Add("Streams:ReadBatch must be between 1 and 10000.");
        }

        if (options.CacheSize is < 100 or > 1_000_000)
        {
            failures.Add("Streams:CacheSize must be between 100 and 1000000.");
        }

        if (options.CheckpointInterval < TimeSpan.FromMilliseconds(10) || options.CheckpointInterval > TimeSpan.FromMinutes(10))
        {
            failures.Add("Streams:CheckpointInterval must be between 00:00:00.010 and 00:10:00.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
