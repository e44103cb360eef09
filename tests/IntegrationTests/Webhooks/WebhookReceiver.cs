using System.Collections.Concurrent;
using System.Text.Json;
using DossierTracking.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace DossierTracking.IntegrationTests.Webhooks;

/// <summary>
/// A partner's HTTP endpoint on loopback: records every delivery it is sent (headers and body) and answers as the test
/// says (200 by default; a failure status, or holding the request until released).
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Received> _received = new();

    private WebhookReceiver(WebApplication app, string url)
    {
        _app = app;
        Url = url;
    }

    /// <summary>One request as it arrived, and the status it was answered with.</summary>
    public sealed record Received(string Id, string Timestamp, string Signature, string ContentType, byte[] Body, int Status)
    {
        public JsonElement Event => JsonDocument.Parse(Body).RootElement;

        public string Subject => Event.GetProperty("subject").GetString()!;
    }

    public string Url { get; }

    /// <summary>Decides the answer to a request (it may wait); 200 unless set.</summary>
    public Func<Received, Task<int>> Answer { get; set; } = _ => Task.FromResult(StatusCodes.Status200OK);

    /// <summary>Requests that are being answered now (held by <see cref="Answer"/>).</summary>
    public int InFlight => _inFlight;

    private int _inFlight;

    public IReadOnlyList<Received> All => [.. _received];

    /// <summary>The deliveries the receiver accepted (answered 2xx), in arrival order.</summary>
    public IReadOnlyList<Received> Accepted => [.. _received.Where(r => r.Status is >= 200 and < 300)];

    public static async Task<WebhookReceiver> StartAsync()
    {
        var port = FreePorts.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app, $"http://127.0.0.1:{port}/hooks/dvc");
        app.MapPost("/hooks/dvc", receiver.HandleAsync);
        await app.StartAsync();
        return receiver;
    }

    private async Task<IResult> HandleAsync(HttpRequest request)
    {
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body);
        var arrived = new Received(request.Headers["Dvc-Webhook-Id"].ToString(), request.Headers["Dvc-Webhook-Timestamp"].ToString(),
            request.Headers["Dvc-Webhook-Signature"].ToString(), request.ContentType ?? "", body.ToArray(), 0);
        Interlocked.Increment(ref _inFlight);
        int status;
        try
        {
            status = await Answer(arrived);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }

        _received.Enqueue(arrived with { Status = status });
        return Results.StatusCode(status);
    }

    /// <summary>Waits (up to a generous bound that only catches a hang) until the accepted deliveries satisfy <paramref name="done"/>.</summary>
    public async Task<IReadOnlyList<Received>> UntilAsync(Func<IReadOnlyList<Received>, bool> done, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var accepted = Accepted;
            if (done(accepted))
            {
                return accepted;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The receiver did not get {what} within 60 s; it accepted {accepted.Count}: {string.Join(", ", accepted.Select(a => a.Id))}.");
            }

            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
