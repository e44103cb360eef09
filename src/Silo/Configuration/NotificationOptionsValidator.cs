using DossierTracking.Grains.Notifications;
using Microsoft.Extensions.Options;

namespace DossierTracking.Silo.Configuration;

/// <summary>Start-up check of <see cref="NotificationOptions"/> (the templates file is checked when it is loaded).</summary>
public sealed class NotificationOptionsValidator : IValidateOptions<NotificationOptions>
{
    public ValidateOptionsResult Validate(string? name, NotificationOptions options)
    {
        var failures = new List<string>();
        if (!Enum.IsDefined(options.Channel))
        {
            failures.Add("Notifications:Channel must be Log (development: a masked log line) or Http (a gateway at Notifications:Http:Url).");
        }

        if (options.Enabled && options.Channel == NotificationChannelMode.Http)
        {
            if (!Uri.TryCreate(options.Http.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && !(url.Scheme == Uri.UriSchemeHttp && url.IsLoopback)))
            {
                failures.Add("Notifications:Http:Url must be the gateway's https address (http only to a loopback relay), for example https://sms.example.vn/api/send.");
            }

            if (string.IsNullOrWhiteSpace(options.Http.ApiKeyHeader) || options.Http.ApiKeyHeader.Any(c => c <= ' ' || c == ':' || c > '~'))
            {
                failures.Add("Notifications:Http:ApiKeyHeader must be an HTTP header name, for example X-Api-Key.");
            }

            if (options.Http.ApiKey.Any(char.IsControl))
            {
                failures.Add("Notifications:Http:ApiKey must not contain control characters.");
            }

            Between(failures, "Http:RequestTimeout", options.Http.RequestTimeout, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(20));
        }

        if (options.MaxAttempts is < 1 or > 100)
        {
            failures.Add("Notifications:MaxAttempts must be between 1 and 100.");
        }

        if (options.BatchSize is < 1 or > 1000)
        {
            failures.Add("Notifications:BatchSize must be between 1 and 1000.");
        }

        Between(failures, "PollInterval", options.PollInterval, TimeSpan.FromMilliseconds(50), TimeSpan.FromMinutes(5));
        Between(failures, "WakeInterval", options.WakeInterval, TimeSpan.FromMilliseconds(100), TimeSpan.FromHours(1));
        Between(failures, "FirstRetryDelay", options.FirstRetryDelay, TimeSpan.FromMilliseconds(10), TimeSpan.FromHours(1));
        Between(failures, "MaxRetryDelay", options.MaxRetryDelay, options.FirstRetryDelay, TimeSpan.FromDays(1));
        Between(failures, "RoundBudget", options.RoundBudget, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(20));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Between(List<string> failures, string setting, TimeSpan value, TimeSpan low, TimeSpan high)
    {
        if (value < low || value > high)
        {
            failures.Add($"Notifications:{setting} must be between {low:c} and {high:c} (it is {value:c}).");
        }
    }
}
