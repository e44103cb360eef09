using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using DossierTracking.IntegrationTests.Infrastructure;
using Google.Protobuf;

namespace DossierTracking.IntegrationTests.Rest;

/// <summary>
/// A REST client as a partner would write one: HTTP/1.1 to the silo's HTTP port, JSON bodies, the bearer token in the
/// Authorization header. Replies are read back into the generated messages with Google.Protobuf's JSON parser, so
/// they compare field by field with the gRPC answers.
/// </summary>
public sealed class RestCaller(TestHost host) : IDisposable
{
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithTypeRegistry(
        Google.Protobuf.Reflection.TypeRegistry.FromFiles(Google.Rpc.ErrorDetailsReflection.Descriptor)));

    private readonly HttpClient _http = new()
    {
        BaseAddress = new Uri($"http://127.0.0.1:{host.HttpPort}"),
        DefaultRequestVersion = HttpVersion.Version11,
        DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        Timeout = TimeSpan.FromSeconds(30),
    };

    public HttpClient Http => _http;

    /// <summary>A reply: its status, its body as text, and its Cache-Control header ("" when none).</summary>
    public sealed record Reply(HttpStatusCode Status, string Body, string CacheControl = "")
    {
        public JsonNode Json => JsonNode.Parse(Body)!;

        public T As<T>() where T : IMessage, new() =>
            Status == HttpStatusCode.OK ? Parser.Parse<T>(Body) : throw new InvalidOperationException($"HTTP {(int)Status}: {Body}");

        /// <summary>The google.rpc.Status of a refusal.</summary>
        public Google.Rpc.Status Error => Parser.Parse<Google.Rpc.Status>(Body);

        /// <summary>The ErrorInfo reason of a refusal.</summary>
        public string Reason => (string?)Json["details"]?.AsArray().FirstOrDefault(d => (string?)d?["@type"] == "type.googleapis.com/google.rpc.ErrorInfo")?["reason"] ?? "";

        /// <summary>The field a BadRequest detail names, if any.</summary>
        public string Field => (string?)Json["details"]?.AsArray()
            .FirstOrDefault(d => (string?)d?["@type"] == "type.googleapis.com/google.rpc.BadRequest")?["fieldViolations"]?[0]?["field"] ?? "";
    }

    public Task<Reply> GetAsync(string path, string? token = null) => SendAsync(HttpMethod.Get, path, token, null);

    public Task<Reply> PostAsync(string path, string? token, string json) => SendAsync(HttpMethod.Post, path, token, json);

    public Task<Reply> PostAsync(string path, string? token, IMessage body) => SendAsync(HttpMethod.Post, path, token, JsonFormatter.Default.Format(body));

    public async Task<Reply> SendAsync(HttpMethod method, string path, string? token, string? json)
    {
        using var request = Request(method, path, token, json);
        using var response = await _http.SendAsync(request);
        return new Reply(response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers.CacheControl?.ToString() ?? "");
    }

    public static HttpRequestMessage Request(HttpMethod method, string path, string? token, string? json)
    {
        var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return request;
    }

    public static T Parse<T>(string json) where T : IMessage, new() => Parser.Parse<T>(json);

    public void Dispose() => _http.Dispose();
}
