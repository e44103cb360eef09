using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using DossierTracking.GrpcApi.V1;
using Grpc.Core;

namespace DossierTracking.LoadTests.Phases;

/// <summary>
/// Webhook subscriptions under load (<c>--webhooks N</c>): N subscriptions with no filter, so the silo POSTs every
/// change N times, to a receiver in this process on loopback. They are registered before the write group, so its
/// accept row is measured with them delivering, and removed at the end. The note gives the delivery lag: from the
/// change's commit (the event's <c>time</c>) to its arrival here, on the same machine's clock.
/// </summary>
public sealed class WebhookLoad : IAsyncDisposable
{
    private readonly HttpListener _listener;
    private readonly SubscriptionService.SubscriptionServiceClient _subscriptions;
    private readonly List<string> _ids = [];
    private readonly ConcurrentBag<double> _lagSeconds = [];
    private readonly Task _serving;
    private long _received;

    private WebhookLoad(HttpListener listener, SubscriptionService.SubscriptionServiceClient subscriptions)
    {
        _listener = listener;
        _subscriptions = subscriptions;
        _serving = Task.Run(ServeAsync);
    }

    public static async Task<WebhookLoad> StartAsync(CallInvoker invoker, int count, CancellationToken cancellationToken)
    {
        var port = FreePort();
        var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/hooks/");
        listener.Start();
        var load = new WebhookLoad(listener, new SubscriptionService.SubscriptionServiceClient(invoker));
        for (var i = 0; i < count; i++)
        {
            var created = await load._subscriptions.CreateSubscriptionAsync(new CreateSubscriptionRequest
            {
                Name = $"load test {i + 1}",
                Endpoint = $"http://127.0.0.1:{port}/hooks/{i + 1}",
            }, cancellationToken: cancellationToken);
            load._ids.Add(created.Subscription.Id);
        }

        return load;
    }

    /// <summary>Waits until deliveries stop arriving (3 s without one, at most 2 minutes), then describes the lag.</summary>
    public async Task<string> DescribeAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        var last = -1L;
        var quietSince = DateTime.UtcNow;
        while (DateTime.UtcNow < deadline && DateTime.UtcNow - quietSince < TimeSpan.FromSeconds(3))
        {
            await Task.Delay(250, cancellationToken);
            var now = Interlocked.Read(ref _received);
            if (now != last)
            {
                last = now;
                quietSince = DateTime.UtcNow;
            }
        }

        var behind = new List<long>();
        foreach (var id in _ids)
        {
            var status = await _subscriptions.GetSubscriptionAsync(new SubscriptionRequest { Id = id }, cancellationToken: cancellationToken);
            behind.Add(status.FailingAttempts + status.DeadLetterCount);
        }

        var lags = _lagSeconds.Order().ToArray();
        if (lags.Length == 0)
        {
            return $"webhooks: {_ids.Count} subscriptions, no delivery arrived.";
        }

        static string Ms(double seconds) => (seconds * 1000).ToString("N0", CultureInfo.InvariantCulture) + " ms";
        return $"webhooks: {_ids.Count} subscriptions taking every change, {lags.Length:N0} deliveries, lag from commit to receipt " +
            $"p50 {Ms(Percentile(lags, 0.50))}, p99 {Ms(Percentile(lags, 0.99))}, max {Ms(lags[^1])}; " +
            $"failing or dead-lettered at the end: {behind.Sum()}.";
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var id in _ids)
        {
            try
            {
                await _subscriptions.DeleteSubscriptionAsync(new SubscriptionRequest { Id = id });
            }
            catch (RpcException)
            {
                // The silo may be gone at the end of a run; its subscriptions go with its database.
            }
        }

        _listener.Stop();
        await _serving;
        _listener.Close();
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            var arrived = DateTimeOffset.UtcNow;
            try
            {
                using var document = await JsonDocument.ParseAsync(context.Request.InputStream);
                if (document.RootElement.TryGetProperty("time", out var time) && time.TryGetDateTimeOffset(out var committed))
                {
                    _lagSeconds.Add((arrived - committed).TotalSeconds);
                }

                Interlocked.Increment(ref _received);
                context.Response.StatusCode = 204;
            }
            catch (JsonException)
            {
                context.Response.StatusCode = 400;
            }

            context.Response.Close();
        }
    }

    private static double Percentile(double[] sorted, double p) => sorted[(int)Math.Min(sorted.Length - 1, Math.Ceiling(p * sorted.Length) - 1)];

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
