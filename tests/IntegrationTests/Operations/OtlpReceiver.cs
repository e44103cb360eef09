using System.Collections.Concurrent;
using System.Net;
using DossierTracking.IntegrationTests.Infrastructure;

namespace DossierTracking.IntegrationTests.Operations;

/// <summary>
/// A stand-in OpenTelemetry collector: accepts OTLP/HTTP (protobuf) posts on a free loopback port and keeps their
/// bodies by path. Trace and span ids travel as their raw bytes in those bodies, so a test finds its spans by searching.
/// </summary>
public sealed class OtlpReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<(string Path, byte[] Body)> _posts = new();
    private readonly Task _loop;

    public OtlpReceiver()
    {
        Port = FreePorts.Next();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public string Endpoint => $"http://127.0.0.1:{Port}";

    public IEnumerable<string> Paths => _posts.Select(p => p.Path).Distinct();

    /// <summary>Whether any body posted to <paramref name="path"/> holds every one of the byte strings.</summary>
    public bool Received(string path, params byte[][] contents) =>
        contents.All(content => _posts.Any(p => p.Path == path && p.Body.AsSpan().IndexOf(content) >= 0));

    public void Dispose()
    {
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }
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

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            _posts.Enqueue((context.Request.Url!.AbsolutePath, body.ToArray()));
            // An empty ExportTraceServiceResponse / ExportMetricsServiceResponse: all accepted.
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/x-protobuf";
            context.Response.Close();
        }
    }
}
