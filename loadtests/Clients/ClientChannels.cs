using Grpc.Net.Client;

namespace DossierTracking.LoadTests.Clients;

/// <summary>The load tool's gRPC channels: retrying by <see cref="ClientRetryPolicy"/>, each attempt seen by a <see cref="RetryCountingHandler"/>.</summary>
public static class ClientChannels
{
    /// <param name="retry">False for a channel whose calls must see every refusal as it comes (the crash benchmark's probes).</param>
    public static GrpcChannel Create(Uri target, RetryTally tally, bool retry = true) =>
        GrpcChannel.ForAddress(target, new GrpcChannelOptions
        {
            // Allowed to open more HTTP/2 connections when one's stream limit is reached.
            HttpHandler = new RetryCountingHandler(tally, new SocketsHttpHandler { EnableMultipleHttp2Connections = true }),
            ServiceConfig = retry ? ClientRetryPolicy.ServiceConfig() : null,
        });
}
