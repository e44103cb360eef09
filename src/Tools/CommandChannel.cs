using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Net.Client.Configuration;

namespace DossierTracking.Tools;

/// <summary>
/// The channel the operator commands (feed-sync, recount) call a silo through, retrying as the README tells every
/// client to: a call refused with UNAVAILABLE (storage or the cluster briefly unreachable, a silo going down) is sent
/// again by Grpc.Net.Client, at most 5 attempts in all with a random backoff from 0.5 s doubling up to 5 s, within the
/// call's deadline. Nothing else is retried: every other refusal would come back the same. Both commands only read or
/// recount, which is safe to repeat. feed-sync also keeps its own longer loop for outages that outlast these attempts.
/// </summary>
public static class CommandChannel
{
    public static GrpcChannel Create(string target) => GrpcChannel.ForAddress(target, new GrpcChannelOptions
    {
        ServiceConfig = new ServiceConfig
        {
            MethodConfigs =
            {
                new MethodConfig
                {
                    Names = { MethodName.Default },
                    RetryPolicy = new RetryPolicy
                    {
                        MaxAttempts = 5,
                        InitialBackoff = TimeSpan.FromSeconds(0.5),
                        MaxBackoff = TimeSpan.FromSeconds(5),
                        BackoffMultiplier = 2,
                        RetryableStatusCodes = { StatusCode.Unavailable },
                    },
                },
            },
        },
    });
}
