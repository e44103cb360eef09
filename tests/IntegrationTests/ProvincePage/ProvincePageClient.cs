using System.Net;
using System.Text.Json;
using DossierTracking.IntegrationTests.Infrastructure;
using DossierTracking.Silo.ProvincePage;

namespace DossierTracking.IntegrationTests.ProvincePage;

/// <summary>Plain HTTP calls to a test host's province page, with a bearer token or a cookie, following no redirect.</summary>
internal sealed class ProvincePageClient(TestHost host) : IDisposable
{
    private readonly HttpClient _http = new(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false });

    public string Origin { get; } = $"http://127.0.0.1:{host.HttpPort}";

    public void Dispose() => _http.Dispose();

    /// <summary>GET <paramref name="path"/> with the token as a bearer header (none when null) and extra headers.</summary>
    public Task<HttpResponseMessage> GetAsync(string path, string? token = null, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, Origin + path);
        if (token is not null)
        {
            request.Headers.Add("Authorization", "Bearer " + token);
        }

        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }

        return _http.SendAsync(request);
    }

    /// <summary>Posts the login form from the silo's own origin.</summary>
    public Task<HttpResponseMessage> LogInAsync(string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Origin + ProvincePageLogin.Area.LoginPath)
        {
            Content = new FormUrlEncodedContent([new("token", token)]),
        };
        request.Headers.Add("Origin", Origin);
        return _http.SendAsync(request);
    }

    /// <summary>The figures endpoint's answer as JSON; fails the test on any status but 200.</summary>
    public async Task<JsonElement> FiguresAsync(string token, string? agencyCode = null)
    {
        var response = await GetAsync(ProvincePageComposition.FiguresPath + (agencyCode is null ? "" : "/" + agencyCode), token);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>The tile of one agency in an answer of the figures endpoint.</summary>
    public static JsonElement? Tile(JsonElement snapshot, string agencyCode)
    {
        foreach (var tile in snapshot.GetProperty("agencies").EnumerateArray())
        {
            if (tile.GetProperty("code").GetString() == agencyCode)
            {
                return tile;
            }
        }

        return null;
    }
}
