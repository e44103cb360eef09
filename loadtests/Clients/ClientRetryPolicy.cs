using Grpc.Core;
using Grpc.Net.Client.Configuration;

namespace DossierTracking.LoadTests.Clients;

/// <summary>
/// The retry policy the README gives every client, here for the load tool's own channels: a call that fails with
/// UNAVAILABLE (storage or the cluster briefly unreachable) is sent again by Grpc.Net.Client, up to
/// <see cref="MaxAttempts"/> attempts in all, after a random backoff that starts below <see cref="InitialBackoff"/> and
/// doubles up to <see cref="MaxBackoff"/>, all within the call's own deadline. Only UNAVAILABLE: every other refusal
/// (INVALID_ARGUMENT, PERMISSION_DENIED, FAILED_PRECONDITION, ALREADY_EXISTS, ...) would be refused again. It is safe
/// because every change the tool sends carries a request_id, so a retried change is the same change, and lookups and
/// the probe's calls change nothing or write the same row again.
/// </summary>
public static class ClientRetryPolicy
{
    public const int MaxAttempts = 5;
    public static readonly TimeSpan InitialBackoff = TimeSpan.FromSeconds(0.5);
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(5);
    public const double BackoffMultiplier = 2;

    /// <summary>One sentence for reports.</summary>
    public static string Describe() =>
        $"UNAVAILABLE retried by the channel, at most {MaxAttempts} attempts, backoff {InitialBackoff.TotalSeconds:0.##}-{MaxBackoff.TotalSeconds:0.##} s";

    /// <summary>The channel's service config: the policy for every method it calls.</summary>
    public static ServiceConfig ServiceConfig() => new()
    {
        MethodConfigs =
        {
            new MethodConfig
            {
                Names = { MethodName.Default },
                RetryPolicy = new RetryPolicy
                {
                    MaxAttempts = MaxAttempts,
                    InitialBackoff = InitialBackoff,
                    MaxBackoff = MaxBackoff,
                    BackoffMultiplier = BackoffMultiplier,
                    RetryableStatusCodes = { StatusCode.Unavailable },
                },
            },
        },
    };
}
