using DossierTracking.Grains.Webhooks;
using Microsoft.Extensions.Options;

namespace DossierTracking.Silo.Configuration;

/// <summary>Start-up check of <see cref="WebhookOptions"/>.</summary>
public sealed class WebhookOptionsValidator : IValidateOptions<WebhookOptions>
{
    public ValidateOptionsResult Validate(string? name, WebhookOptions options)
    {
        var failures = new List<string>();
        Between(failures, "PollInterval", options.PollInterval, TimeSpan.FromMilliseconds(50), TimeSpan.FromMinutes(5));
        Between(failures, "WakeInterval", options.WakeInterval, TimeSpan.FromMilliseconds(100), TimeSpan.FromHours(1));
        // A round (its budget, then at most one request that started within it) must end well within Orleans' 30 s
        // response timeout, so that pausing or deleting a subscription never times out behind a slow endpoint.
        Between(failures, "RequestTimeout", options.RequestTimeout, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(20));
        Between(failures, "FirstRetryDelay", options.FirstRetryDelay, TimeSpan.FromMilliseconds(10), TimeSpan.FromHours(1));
        Between(failures, "MaxRetryDelay", options.MaxRetryDelay, options.FirstRetryDelay, TimeSpan.FromDays(1));
        Between(failures, "RoundBudget", options.RoundBudget, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5));
        if (options.MaxAttempts is < 1 or > 1000)
        {
            failures.Add("Webhooks:MaxAttempts must be between 1 and 1000.");
        }

        if (options.BatchSize is < 1 or > 1000)
        {
            failures.Add("Webhooks:BatchSize must be between 1 and 1000.");
        }

        if (!Uri.TryCreate(options.Source, UriKind.RelativeOrAbsolute, out _) || string.IsNullOrWhiteSpace(options.Source))
        {
            failures.Add("Webhooks:Source must be a URI naming this deployment, for example urn:dvc:quang-ninh or https://dichvucong.quangninh.gov.vn.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Between(List<string> failures, string setting, TimeSpan value, TimeSpan low, TimeSpan high)
    {
        if (value < low || value > high)
        {
            failures.Add($"Webhooks:{setting} must be between {low:c} and {high:c} (it is {value:c}).");
        }
    }
}
