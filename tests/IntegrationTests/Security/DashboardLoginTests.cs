using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DossierTracking.GrpcApi.Security;
using DossierTracking.IntegrationTests.Infrastructure;
using DossierTracking.Silo.Hosting;
using Microsoft.IdentityModel.JsonWebTokens;

namespace DossierTracking.IntegrationTests.Security;

/// <summary>
/// The dashboard's login form: an operator's token becomes an HttpOnly, SameSite=Strict cookie for /dashboard that
/// expires with the token; other tokens, bad tokens and posts from other sites are refused; logout clears it.
/// </summary>
public sealed class DashboardLoginTests(HostFixture fixture) : IClassFixture<HostFixture>, IDisposable
{
    private readonly string _origin = $"http://127.0.0.1:{fixture.Host.HttpPort}";
    private readonly HttpClient _http = new(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false });

    public void Dispose() => _http.Dispose();

    private Task<HttpResponseMessage> PostAsync(string path, string token, string? origin = "")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, _origin + path) { Content = new FormUrlEncodedContent([new("token", token)]) };
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin.Length == 0 ? _origin : origin);
        }

        return _http.SendAsync(request);
    }

    private static string? SetCookie(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values.SingleOrDefault(v => v.StartsWith(DashboardLogin.Cookie + "=", StringComparison.Ordinal)) : null;

    [Fact]
    public async Task The_login_page_is_a_form_that_cannot_be_framed()
    {
        var page = await _http.GetAsync(_origin + DashboardLogin.LoginPath);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<form method=\"post\" action=\"/dashboard/login\">", await page.Content.ReadAsStringAsync());
        Assert.Equal("DENY", page.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("frame-ancestors 'none'", page.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task An_operators_token_sets_the_dashboard_cookie_and_the_dashboard_then_answers()
    {
        var token = TestTokens.For(Roles.Operator, lifetime: TimeSpan.FromHours(2));
        var login = await PostAsync(DashboardLogin.LoginPath, token);
        Assert.Equal(HttpStatusCode.SeeOther, login.StatusCode);
        Assert.Equal("/dashboard/", login.Headers.Location?.OriginalString);

        var cookie = SetCookie(login);
        Assert.NotNull(cookie);
        var attributes = cookie.Split(';', StringSplitOptions.TrimEntries).Skip(1).ToList();
        Assert.Contains("httponly", attributes, StringComparer.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", attributes, StringComparer.OrdinalIgnoreCase);
        Assert.Contains("path=/dashboard", attributes, StringComparer.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", attributes, StringComparer.OrdinalIgnoreCase); // plaintext on loopback
        var expires = DateTimeOffset.Parse(attributes.Single(a => a.StartsWith("expires=", StringComparison.OrdinalIgnoreCase))["expires=".Length..],
            System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(new JsonWebToken(token).ValidTo, expires.UtcDateTime);

        var dashboard = new HttpRequestMessage(HttpMethod.Get, _origin + "/dashboard/");
        dashboard.Headers.Add("Cookie", cookie.Split(';')[0]);
        var answer = await _http.SendAsync(dashboard);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Contains("<html", await answer.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Another_roles_token_is_refused_and_sets_no_cookie()
    {
        var login = await PostAsync(DashboardLogin.LoginPath, TestTokens.For(Roles.Supervisor));
        Assert.Equal(HttpStatusCode.Forbidden, login.StatusCode);
        Assert.Null(SetCookie(login));
    }

    [Fact]
    public async Task A_bad_token_is_refused_sets_no_cookie_and_is_not_written_back()
    {
        foreach (var bad in new[]
        {
            "<script>alert('x')</script>",
            TestTokens.For(Roles.Operator, audience: "another-service"),
            TestTokens.For(Roles.Operator, now: DateTimeOffset.UtcNow.AddHours(-3), lifetime: TimeSpan.FromHours(1)),
            TestTokens.For(Roles.Operator, lifetime: TimeSpan.FromDays(2)),
        })
        {
            var login = await PostAsync(DashboardLogin.LoginPath, bad);
            Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
            Assert.Null(SetCookie(login));
            var page = await login.Content.ReadAsStringAsync();
            Assert.DoesNotContain("<script>", page);
            Assert.DoesNotContain(bad, page);
        }

        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(DashboardLogin.LoginPath, "")).StatusCode);
    }

    [Fact]
    public async Task A_post_from_another_site_or_without_an_origin_is_refused()
    {
        var token = TestTokens.For(Roles.Operator);
        foreach (var origin in new[] { "https://evil.example", "http://127.0.0.1:1", "null", null })
        {
            var login = await PostAsync(DashboardLogin.LoginPath, token, origin);
            Assert.Equal(HttpStatusCode.Forbidden, login.StatusCode);
            Assert.Null(SetCookie(login));
        }

        var logout = await PostAsync(DashboardLogin.LogoutPath, "", "https://evil.example");
        Assert.Equal(HttpStatusCode.Forbidden, logout.StatusCode);
        Assert.Null(SetCookie(logout));
    }

    [Fact]
    public async Task Logout_clears_the_cookie()
    {
        var logout = await PostAsync(DashboardLogin.LogoutPath, "");
        Assert.Equal(HttpStatusCode.SeeOther, logout.StatusCode);
        var cookie = SetCookie(logout);
        Assert.NotNull(cookie);
        Assert.StartsWith(DashboardLogin.Cookie + "=;", cookie);
        Assert.Contains("path=/dashboard", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("expires=Thu, 01 Jan 1970", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_browser_without_a_token_is_sent_to_the_form_and_other_clients_get_401()
    {
        var browser = new HttpRequestMessage(HttpMethod.Get, _origin + "/dashboard/");
        browser.Headers.Add("Accept", "text/html,application/xhtml+xml");
        var redirected = await _http.SendAsync(browser);
        Assert.Equal(HttpStatusCode.Redirect, redirected.StatusCode);
        Assert.Equal(DashboardLogin.LoginPath, redirected.Headers.Location?.OriginalString);

        Assert.Equal(HttpStatusCode.Unauthorized, (await _http.GetAsync(_origin + "/dashboard/DashboardCounters")).StatusCode);
    }
}

/// <summary>With TLS on, the dashboard cookie is Secure.</summary>
public sealed class DashboardLoginTlsTests
{
    [Fact]
    public async Task With_TLS_the_cookie_is_secure()
    {
        var certificate = Path.Combine(TestHost.NewDataDirectory(), "silo.pfx");
        using (var rsa = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=localhost", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            var san = new SubjectAlternativeNameBuilder();
            san.AddIpAddress(IPAddress.Loopback);
            request.CertificateExtensions.Add(san.Build());
            using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
            await File.WriteAllBytesAsync(certificate, cert.Export(X509ContentType.Pfx, "test-pass"));
        }

        await using var host = await TestHost.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Network:CertificatePath"] = certificate,
            ["Network:CertificatePassword"] = "test-pass",
        });
        using var http = new HttpClient(new HttpClientHandler
        {
            UseCookies = false,
            AllowAutoRedirect = false,
            ServerCertificateCustomValidationCallback = (_, cert, _, _) => cert?.Subject == "CN=localhost",
        });
        var origin = $"https://127.0.0.1:{host.HttpPort}";
        var login = new HttpRequestMessage(HttpMethod.Post, origin + DashboardLogin.LoginPath)
        {
            Content = new FormUrlEncodedContent([new("token", TestTokens.For(Roles.Operator))]),
        };
        login.Headers.Add("Origin", origin);
        var response = await http.SendAsync(login);
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(v => v.StartsWith(DashboardLogin.Cookie + "=", StringComparison.Ordinal));
        Assert.Contains("secure", cookie.Split(';', StringSplitOptions.TrimEntries), StringComparer.OrdinalIgnoreCase);
    }
}
