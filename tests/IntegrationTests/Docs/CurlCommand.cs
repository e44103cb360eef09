using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Grpc.Core;

namespace DossierTracking.IntegrationTests.Docs;

/// <summary>
/// curl, for the options the README's REST examples use: <c>-s</c>, <c>-S</c>, <c>-N</c>, <c>-X METHOD</c>,
/// <c>-H 'name: value'</c> (repeated) and <c>-d DATA</c>, with one URL on the silo's HTTP port
/// (<see cref="Address"/>, standing for the host under test), sent over HTTP/1.1 as curl sends it: GET, or POST with
/// <c>-d</c>, whose body is form data unless a content-type header says otherwise. A reply of HTTP 400 or more with a
/// google.rpc.Status body fails as the gRPC call would (its code and message), so <c># -&gt; PERMISSION_DENIED</c>
/// reads the same under a curl line as under a grpcurl one. A stream (newline-delimited JSON) gives one reply a line.
/// </summary>
public static class CurlCommand
{
    public const string Address = "http://127.0.0.1:5001";

    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Sends the request; returns the body, one text per JSON line. A refusal throws its <see cref="RpcException"/>.</summary>
    public static async Task<IReadOnlyList<string>> RunAsync(Uri host, IReadOnlyList<string> args, int line)
    {
        var (method, data, url) = ((string?)null, (string?)null, (string?)null);
        var headers = new List<(string Name, string Value)>();
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "-s" or "-S" or "-sS" or "-Ss" or "-N" or "-sSN" or "-sN":
                    break;
                case "-X" when i + 1 < args.Count:
                    method = args[++i];
                    break;
                case "-H" when i + 1 < args.Count:
                    var header = args[++i];
                    var colon = header.IndexOf(':', StringComparison.Ordinal);
                    headers.Add(colon > 0 ? (header[..colon].Trim(), header[(colon + 1)..].Trim()) : throw new ShellException(line, $"curl -H wants 'name: value', not '{header}'"));
                    break;
                case "-d" when i + 1 < args.Count:
                    data = args[++i];
                    break;
                case var option when option.StartsWith('-'):
                    throw new ShellException(line, $"curl option {option} is outside what the README test supports (-s, -S, -N, -X, -H, -d)");
                default:
                    url = url is null ? args[i] : throw new ShellException(line, $"curl wants one URL, got {url} and {args[i]}");
                    break;
            }
        }

        if (url is null || !url.StartsWith(Address + "/", StringComparison.Ordinal))
        {
            throw new ShellException(line, $"curl wants a URL on the silo's HTTP port {Address}, got: {url}");
        }

        using var request = new HttpRequestMessage(new HttpMethod(method ?? (data is null ? "GET" : "POST")), new Uri(host, url[Address.Length..]))
        {
            Version = System.Net.HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        var contentType = headers.FirstOrDefault(h => h.Name.Equals("content-type", StringComparison.OrdinalIgnoreCase)).Value;
        foreach (var (name, value) in headers.Where(h => !h.Name.Equals("content-type", StringComparison.OrdinalIgnoreCase)))
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        if (data is not null)
        {
            request.Content = new StringContent(data, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType ?? "application/x-www-form-urlencoded");
        }

        using var http = new HttpClient { Timeout = CallTimeout };
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        if ((int)response.StatusCode >= 400)
        {
            throw (Exception?)Refusal(body) ?? new ShellException(line, $"curl: HTTP {(int)response.StatusCode} without a google.rpc.Status body: {body}");
        }

        var lines = body.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length > 1 && lines.All(l => l.StartsWith('{')) ? lines : [body];
    }

    private static RpcException? Refusal(string body)
    {
        try
        {
            return JsonNode.Parse(body) is JsonObject { } status && status["code"] is JsonValue code && status["message"] is JsonValue message
                ? new RpcException(new Status((StatusCode)code.GetValue<int>(), message.GetValue<string>()))
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
