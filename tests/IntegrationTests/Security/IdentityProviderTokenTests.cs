using System.Security.Cryptography;
using System.Text;
using DossierTracking.GrpcApi.Security;
using DossierTracking.GrpcApi.V1;
using DossierTracking.IntegrationTests.Infrastructure;
using DossierTracking.Silo.Hosting;
using Grpc.Core;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace DossierTracking.IntegrationTests.Security;

/// <summary>A local identity provider on 127.0.0.1 and a silo configured with both it (discovery) and the test HMAC key.</summary>
public sealed class IdentityProviderFixture : IAsyncLifetime
{
    /// <summary>How soon the silo may read the provider's keys again when a token names an unknown key.</summary>
    public static readonly TimeSpan MinimumRefresh = TimeSpan.FromSeconds(1);

    public LocalIdentityProvider Provider { get; private set; } = null!;

    public TestHost Host { get; private set; } = null!;

    public RsaSecurityKey Rsa { get; private set; } = null!;

    public ECDsaSecurityKey Ec { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Provider = await LocalIdentityProvider.StartAsync();
        Rsa = Provider.NewRsaKey("rsa-1");
        Ec = Provider.NewEcKey("ec-1");
        Host = await TestHost.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Auth:Authority"] = Provider.Issuer,
            ["Auth:MinimumKeyRefreshInterval"] = MinimumRefresh.ToString(),
        });
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Provider.DisposeAsync();
    }
}

/// <summary>
/// Tokens of the identity provider (RS256, ES256) checked against its published keys, key rotation without a restart,
/// no algorithm confusion, each key for its own issuer, and the maximum token lifetime for every token.
/// </summary>
public sealed class IdentityProviderTokenTests(IdentityProviderFixture fixture) : IClassFixture<IdentityProviderFixture>
{
    private const string Construction = "H49.08";
    private readonly LocalIdentityProvider _provider = fixture.Provider;
    private readonly AgencyService.AgencyServiceClient _agencies = new(fixture.Host.Channel);

    private async Task<StatusCode> FiguresAsync(string token)
    {
        try
        {
            var figures = await _agencies.GetAgencyFiguresAsync(new GetAgencyFiguresRequest { AgencyCode = Construction }, TestTokens.Bearer(token),
                deadline: DateTime.UtcNow.AddSeconds(30));
            Assert.Equal(Construction, figures.AgencyCode);
            return StatusCode.OK;
        }
        catch (RpcException e)
        {
            return e.StatusCode;
        }
    }

    /// <summary>Lets the rate limit on reading the keys pass, so that the next unknown key makes the silo read them at once.</summary>
    private static Task PastTheRefreshLimit() => Task.Delay(IdentityProviderFixture.MinimumRefresh + TimeSpan.FromMilliseconds(500));

    [Fact]
    public async Task An_RS256_token_signed_with_a_published_key_is_accepted()
    {
        Assert.Equal(StatusCode.OK, await FiguresAsync(_provider.Issue(fixture.Rsa, Roles.Supervisor)));

        // The caller is the token's: an officer of another agency may not read the Department of Construction's queue.
        var officer = _provider.Issue(fixture.Rsa, Roles.AgencyOfficer, agency: "H49.09");
        var denied = await Assert.ThrowsAsync<RpcException>(() =>
            _agencies.GetAgencyQueueAsync(new GetAgencyQueueRequest { AgencyCode = Construction }, TestTokens.Bearer(officer)).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
    }

    [Fact]
    public async Task An_ES256_token_signed_with_a_published_key_is_accepted()
    {
        Assert.Equal(StatusCode.OK, await FiguresAsync(_provider.Issue(fixture.Ec, Roles.Supervisor)));
    }

    [Fact]
    public async Task A_token_signed_with_an_unpublished_key_is_unauthenticated()
    {
        var unpublished = _provider.NewRsaKey("rsa-unpublished", publish: false);
        Assert.Equal(StatusCode.Unauthenticated, await FiguresAsync(_provider.Issue(unpublished, Roles.Supervisor)));

        // Another key under a published key's id.
        var impostor = new RsaSecurityKey(RSA.Create(2048)) { KeyId = fixture.Rsa.KeyId };
        Assert.Equal(StatusCode.Unauthenticated, await FiguresAsync(_provider.Issue(impostor, Roles.Supervisor)));
    }

    [Fact]
    public async Task A_token_of_a_newly_published_key_is_accepted_without_a_restart_and_the_old_key_keeps_working()
    {
        Assert.Equal(StatusCode.OK, await FiguresAsync(_provider.Issue(fixture.Rsa, Roles.Supervisor)));
        var next = _provider.NewRsaKey("rsa-rotated-in");
        await PastTheRefreshLimit();

        // The first call with the new key is accepted: the silo reads the keys again before deciding.
        Assert.Equal(StatusCode.OK, await FiguresAsync(_provider.Issue(next, Roles.Supervisor)));
        Assert.Equal(StatusCode.OK, await FiguresAsync(_provider.Issue(fixture.Rsa, Roles.Supervisor, subject: "still-published")));
    }

    [Fact]
    public async Task A_withdrawn_key_stops_working_once_the_keys_are_read_again_even_for_a_token_that_worked()
    {
        var old = _provider.NewRsaKey("rsa-to-withdraw");
        await PastTheRefreshLimit();
        var used = _provider.Issue(old, Roles.Supervisor);
        Assert.Equal(StatusCode.OK, await FiguresAsync(used));
        Assert.Equal(StatusCode.OK, await FiguresAsync(used));

        _provider.Withdraw(old.KeyId);
        var next = _provider.NewRsaKey("rsa-replacement");
        await PastTheRefreshLimit();
        Assert.Equal(StatusCode.OK, await FiguresAsync(_provider.Issue(next, Roles.Supervisor)));

        Assert.Equal(StatusCode.Unauthenticated, await FiguresAsync(used));
        Assert.Equal(StatusCode.Unauthenticated, await FiguresAsync(_provider.Issue(old, Roles.Supervisor, subject: "fresh")));
    }

    [Fact]
    public async Task Tokens_naming_unknown_keys_make_the_silo_read_the_keys_at_most_once_per_minimum_interval()
    {
        Assert.Equal(StatusCode.OK, await FiguresAsync(_provider.Issue(fixture.Rsa, Roles.Supervisor)));
        var readsBefore = _provider.KeySetReads;
        var started = DateTime.UtcNow;
        for (var i = 0; i < 30; i++)
        {
            var madeUp = _provider.NewRsaKey($"made-up-{i}", publish: false);
            Assert.Equal(StatusCode.Unauthenticated, await FiguresAsync(_provider.Issue(madeUp, Roles.Supervisor)));
        }

        var allowed = (int)((DateTime.UtcNow - started) / IdentityProviderFixture.MinimumRefresh) + 1;
        Assert.True(_provider.KeySetReads - readsBefore <= allowed, $"{_provider.KeySetReads - readsBefore} reads, at most {allowed} allowed");
    }

    [Fact]
    public async Task An_HS256_token_made_with_the_providers_public_key_as_its_secret_is_refused()
    {
        var rsa = fixture.Rsa.Rsa;
        var forgeries = new[]
        {
            rsa.ExportSubjectPublicKeyInfo(),
            Encoding.ASCII.GetBytes(rsa.ExportSubjectPublicKeyInfoPem()),
            Encoding.ASCII.GetBytes(rsa.ExportSubjectPublicKeyInfoPem() + "\n"),
            rsa.ExportRSAPublicKey(),
            rsa.ExportParameters(false).Modulus!,
        };
        foreach (var secret in forgeries)
        {
            var forged = new SymmetricSecurityKey(secret) { KeyId = fixture.Rsa.KeyId };
            foreach (var issuer in new[] { _provider.Issuer, TestTokens.Issuer })
            {
                var token = _provider.Issue(forged, Roles.Supervisor, issuer: issuer, algorithm: SecurityAlgorithms.HmacSha256);
                Assert.Equal(StatusCode.Unauthenticated, await FiguresAsync(token));
            }
        }
    }

    [Fact]
    public async Task Each_key_speaks_only_for_its_own_issuer()
    {
        // The HMAC key may not sign for the identity provider, nor the provider's key for the HMAC issuer.
        var hmacAsProvider = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = _provider.Issuer,
            Audience = TestTokens.Audience,
            Claims = new Dictionary<string, object> { [CallerClaims.Role] = Roles.Supervisor, [CallerClaims.Subject] = "x" },
            Expires = DateTime.UtcNow.AddMinutes(30),
            SigningCredentials = new SigningCredentials(TestTokens.Key.ToSecurityKey(), SecurityAlgorithms.HmacSha256),
        });
        Assert.Equal(StatusCode.Unauthenticated, await FiguresAsync(hmacAsProvider));
        Assert.Equal(StatusCode.Unauthenticated, await FiguresAsync(_provider.Issue(fixture.Rsa, Roles.Supervisor, issuer: TestTokens.Issuer)));

        // Both kinds at once, each for its own issuer.
        Assert.Equal(StatusCode.OK, await FiguresAsync(TestTokens.For(Roles.Supervisor)));
        Assert.Equal(StatusCode.OK, await FiguresAsync(_provider.Issue(fixture.Rsa, Roles.Supervisor, subject: "both")));
    }

    [Fact]
    public async Task A_token_valid_for_longer_than_the_maximum_is_unauthenticated_whoever_signed_it()
    {
        var max = Silo.Configuration.AuthOptions.DefaultMaxTokenLifetime;
        var tooLong = max + TimeSpan.FromHours(1);
        foreach (var token in new[]
        {
            _provider.Issue(fixture.Rsa, Roles.Supervisor, lifetime: tooLong),
            _provider.Issue(fixture.Ec, Roles.Supervisor, lifetime: tooLong),
            _provider.Issue(fixture.Rsa, Roles.Supervisor, lifetime: tooLong, notBefore: false),
            TestTokens.For(Roles.Supervisor, lifetime: tooLong),
        })
        {
            // Twice: a refused token is never remembered as valid.
            Assert.Equal(StatusCode.Unauthenticated, await FiguresAsync(token));
            Assert.Equal(StatusCode.Unauthenticated, await FiguresAsync(token));
        }

        // Up to the maximum is fine (the load tool's tokens live exactly 12 hours).
        Assert.Equal(StatusCode.OK, await FiguresAsync(TestTokens.For(Roles.Supervisor, lifetime: max)));
        Assert.Equal(StatusCode.OK, await FiguresAsync(_provider.Issue(fixture.Rsa, Roles.Supervisor, lifetime: max)));
    }

    [Fact]
    public void A_token_that_says_neither_when_it_starts_nor_when_it_was_issued_has_no_known_lifetime()
    {
        var handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
        var token = new JsonWebToken(handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = _provider.Issuer,
            Expires = DateTime.UtcNow.AddMinutes(5),
            SigningCredentials = new SigningCredentials(fixture.Rsa, SecurityAlgorithms.RsaSha256),
        }));
        Assert.True(TokenLifetime.Exceeds(token, TimeSpan.FromHours(12)));
    }
}

/// <summary>The identity provider's keys read from a bare key set (JWKS) address, and the start-up checks of its settings.</summary>
public sealed class IdentityProviderSettingsTests
{
    private static Dictionary<string, string?> Production(params (string Key, string Value)[] settings)
    {
        var all = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Sqlite",
            ["Storage:DataDirectory"] = TestHost.NewDataDirectory(),
        };
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        return all;
    }

    [Fact]
    public async Task Keys_may_be_read_from_a_key_set_address_with_the_issuer_named_by_the_authority()
    {
        await using var provider = await LocalIdentityProvider.StartAsync();
        var key = provider.NewRsaKey("rsa-jwks");
        const string issuer = "https://sso.example.test/realms/dvc";
        await using var host = await TestHost.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Auth:Authority"] = issuer,
            ["Auth:JwksUri"] = provider.JwksUri,
        });
        var agencies = new AgencyService.AgencyServiceClient(host.Channel);
        var figures = await agencies.GetAgencyFiguresAsync(new GetAgencyFiguresRequest { AgencyCode = "H49.08" },
            TestTokens.Bearer(provider.Issue(key, Roles.Supervisor, issuer: issuer)));
        Assert.Equal("H49.08", figures.AgencyCode);

        var otherIssuer = await Assert.ThrowsAsync<RpcException>(() => agencies.GetAgencyFiguresAsync(new GetAgencyFiguresRequest { AgencyCode = "H49.08" },
            TestTokens.Bearer(provider.Issue(key, Roles.Supervisor))).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, otherIssuer.StatusCode);
    }

    [Fact]
    public void Outside_Development_an_identity_provider_alone_is_enough()
    {
        var builder = DossierHost.CreateBuilder(["--environment", "Production"], Production(("Auth:Authority", "https://sso.example.test/realms/dvc")));
        Assert.NotNull(builder);
    }

    [Theory]
    [InlineData("Auth:Authority", "http://sso.example.test/realms/dvc")]
    [InlineData("Auth:JwksUri", "http://10.1.2.3/jwks")]
    [InlineData("Auth:JwksUri", "ftp://127.0.0.1/jwks")]
    public void The_identity_providers_keys_are_read_over_HTTPS_except_from_loopback(string setting, string address)
    {
        var settings = Production(("Auth:Authority", "https://sso.example.test/realms/dvc"), (setting, address));
        var error = Assert.Throws<OptionsValidationException>(() => DossierHost.CreateBuilder(["--environment", "Production"], settings));
        Assert.Contains(setting, error.Message);
        Assert.Contains("HTTPS", error.Message);
    }

    [Fact]
    public void A_key_set_address_needs_the_issuer_named()
    {
        var error = Assert.Throws<OptionsValidationException>(() =>
            DossierHost.CreateBuilder(["--environment", "Production"], Production(("Auth:JwksUri", "https://sso.example.test/jwks"))));
        Assert.Contains("Auth:Authority", error.Message);
    }

    [Fact]
    public void The_maximum_token_lifetime_is_bounded()
    {
        var settings = Production(("Auth:Authority", "https://sso.example.test/realms/dvc"), ("Auth:MaxTokenLifetime", "30.00:00:00"));
        var error = Assert.Throws<OptionsValidationException>(() => DossierHost.CreateBuilder(["--environment", "Production"], settings));
        Assert.Contains("Auth:MaxTokenLifetime", error.Message);
    }
}
