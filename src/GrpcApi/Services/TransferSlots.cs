using System.Collections.Concurrent;
using DossierTracking.Contracts.Documents;
using DossierTracking.GrpcApi.Errors;
using DossierTracking.GrpcApi.Security;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace DossierTracking.GrpcApi.Services;

/// <summary>
/// Bounds what one caller's document transfers hold on a silo: at most <see cref="DocumentOptions.MaxTransfersPerCaller"/>
/// at once (a token's role and subject; an anonymous caller by its address), each for at most
/// <see cref="DocumentOptions.TransferTimeout"/>. Without it, one token could keep hundreds of uploads open with a
/// temporary file each, or stalled downloads holding the document store's database connections.
/// </summary>
public sealed class TransferSlots(IOptions<DocumentOptions> options)
{
    private readonly ConcurrentDictionary<string, int> _running = new(StringComparer.Ordinal);

    /// <summary>A slot for this call's transfer, refused RESOURCE_EXHAUSTED when the caller has its share running; dispose to free it.</summary>
    public Slot Take(ServerCallContext context)
    {
        var caller = Caller.Of(context);
        var key = caller.Role.Length > 0 ? $"{caller.Role}/{caller.PersonId}" : "peer/" + PeerAddress(context.Peer);
        var limit = options.Value.MaxTransfersPerCaller;
        var taken = _running.AddOrUpdate(key, 1, (_, n) => n + 1);
        if (taken > limit)
        {
            Release(key);
            throw ApiErrors.ResourceExhausted("TOO_MANY_TRANSFERS",
                $"At most {limit} uploads and downloads of one caller may run at once; wait for one to finish.");
        }

        var deadline = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken);
        deadline.CancelAfter(options.Value.TransferTimeout);
        return new Slot(this, key, deadline, context.CancellationToken);
    }

    private void Release(string key)
    {
        if (_running.AddOrUpdate(key, 0, (_, n) => n - 1) <= 0)
        {
            _running.TryRemove(new KeyValuePair<string, int>(key, 0));
        }
    }

    /// <summary>The address of "ipv4:1.2.3.4:5678" or "ipv6:[::1]:5678", without the port.</summary>
    private static string PeerAddress(string peer)
    {
        var colon = peer.LastIndexOf(':');
        return colon > 0 ? peer[..colon] : peer;
    }

    /// <summary>One running transfer: its token ends at the caller's cancellation or the transfer's time limit.</summary>
    public sealed class Slot(TransferSlots slots, string key, CancellationTokenSource deadline, CancellationToken call) : IDisposable
    {
        public CancellationToken Token => deadline.Token;

        /// <summary>Whether the transfer was cut by its time limit (not by the caller going away).</summary>
        public bool TimedOut => deadline.IsCancellationRequested && !call.IsCancellationRequested;

        public RpcException TooSlow(TimeSpan limit) => ApiErrors.ResourceExhausted("TRANSFER_TOO_SLOW",
            $"An upload or download must finish within {limit}; nothing more was stored or sent.");

        public void Dispose()
        {
            deadline.Dispose();
            slots.Release(key);
        }
    }
}
