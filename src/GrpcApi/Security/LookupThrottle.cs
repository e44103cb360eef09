using System.Threading.RateLimiting;
using DossierTracking.GrpcApi.Errors;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace DossierTracking.GrpcApi.Security;

/// <summary>
/// Limits lookups by receipt code, so that guessing codes yields little: anonymous callers per network address,
/// authenticated callers per caller (a portal backend serves many citizens from one address). Token buckets: a
/// burst of twice the rate, refilled every second. Over the limit a lookup is RESOURCE_EXHAUSTED and touches nothing.
/// </summary>
public sealed class LookupThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<string>? _limiter;

    public LookupThrottle(IOptions<ApiSecurityOptions> options)
    {
        var o = options.Value;
        if (o.AnonymousLookupsPerSecond <= 0 && o.CallerLookupsPerSecond <= 0)
        {
            return;
        }

        _limiter = PartitionedRateLimiter.Create<string, string>(key =>
        {
            var perSecond = key.StartsWith("ip:", StringComparison.Ordinal) ? o.AnonymousLookupsPerSecond : o.CallerLookupsPerSecond;
            return perSecond <= 0
                ? RateLimitPartition.GetNoLimiter(key)
                : RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = perSecond * 2,
                    TokensPerPeriod = perSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
        });
    }

    /// <summary>Takes one lookup from the caller's allowance, or refuses the call.</summary>
    public void Take(Caller caller, ServerCallContext context)
    {
        if (_limiter is null)
        {
            return;
        }

        var key = caller.IsAnonymous
            ? "ip:" + (context.GetHttpContext().Connection.RemoteIpAddress?.ToString() ?? "unknown")
            : $"caller:{caller.Role}:{caller.PersonId}";
        using var lease = _limiter.AttemptAcquire(key);
        if (!lease.IsAcquired)
        {
            throw ApiErrors.ResourceExhausted("LOOKUPS_THROTTLED", "Too many lookups: wait a moment and try again.");
        }
    }

    public void Dispose() => _limiter?.Dispose();
}
