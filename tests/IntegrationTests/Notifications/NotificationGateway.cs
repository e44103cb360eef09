using System.Collections.Concurrent;
using System.Text.Json;
using DossierTracking.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace DossierTracking.IntegrationTests.Notifications;

/// <summary>
/// An SMS/Zalo-style gateway on loopback: records every message it is sent (API key header and JSON body) and answers
/// as the test says (200 by default).
/// </summary>
public sealed class NotificationGateway : IAsyncDisposable
{
    public const string ApiKey = "test-gateway-key-0123456789";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Received> _received = new();

    private NotificationGateway(WebApplication app, string url)
    {
        _app = app;
        Url = url;
    }

    public sealed record Received(string ApiKey, string IdempotencyKey, string MessageId, string Channel, string Recipient, string Text, string Kind, string ReceiptCode, int Status);

    public string Url { get; }

    /// <summary>Decides the status of an answer; 200 unless set.</summary>
    public Func<Received, int> Answer { get; set; } = _ => StatusCodes.Status200OK;

    public IReadOnlyList<Received> All => [.. _received];

    /// <summary>The messages the gateway accepted, in arrival order.</summary>
    public IReadOnlyList<Received> Accepted => [.. _received.Where(r => r.Status is >= 200 and < 300)];

    /// <summary>The settings that point a host at this gateway, with quick polling and retries.</summary>
    public Dictionary<string, string?> Settings(int maxAttempts = 20) => new()
    {
        ["Notifications:Channel"] = "Http",
        ["Notifications:Http:Url"] = Url,
        ["Notifications:Http:ApiKey"] = ApiKey,
        ["Notifications:PollInterval"] = "00:00:00.100",
        ["Notifications:WakeInterval"] = "00:00:01",
        ["Notifications:FirstRetryDelay"] = "00:00:00.050",
        ["Notifications:MaxRetryDelay"] = "00:00:00.300",
        ["Notifications:MaxAttempts"] = maxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public static async Task<NotificationGateway> StartAsync()
    {
        var port = FreePorts.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var gateway = new NotificationGateway(app, $"http://127.0.0.1:{port}/api/send");
        app.MapPost("/api/send", gateway.HandleAsync);
        await app.StartAsync();
        return gateway;
    }

    /// <summary>Waits (up to 30 s) until the gateway accepted messages of <paramref name="count"/> distinct ids for the dossier.</summary>
    public async Task<IReadOnlyList<Received>> WaitForAsync(string receiptCode, int count)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < until)
        {
            var accepted = Accepted.Where(r => r.ReceiptCode == receiptCode).ToList();
            if (accepted.Select(r => r.MessageId).Distinct().Count() >= count)
            {
                return accepted;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"the gateway got {Accepted.Count(r => r.ReceiptCode == receiptCode)} of {count} messages for {receiptCode} in 30 s");
    }

    private async Task<IResult> HandleAsync(HttpRequest request)
    {
        using var body = await JsonDocument.ParseAsync(request.Body);
        var json = body.RootElement;
        string Text(string name) => json.TryGetProperty(name, out var value) ? value.GetString() ?? "" : "";
        var arrived = new Received(request.Headers["X-Api-Key"].ToString(), request.Headers["Idempotency-Key"].ToString(), Text("message_id"), Text("channel"),
            Text("recipient"), Text("text"), Text("kind"), Text("receipt_code"), 0);
        var status = Answer(arrived);
        _received.Enqueue(arrived with { Status = status });
        return Results.StatusCode(status);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
