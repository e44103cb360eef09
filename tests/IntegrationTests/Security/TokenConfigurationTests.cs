using DossierTracking.GrpcApi.Security;
using DossierTracking.GrpcApi.V1;
using DossierTracking.IntegrationTests.Infrastructure;
using DossierTracking.Silo.Configuration;
using DossierTracking.Silo.Hosting;
using Grpc.Core;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace DossierTracking.IntegrationTests.Security;

/// <summary>Signing keys: configured outside Development, development keys refused there, rotation by listing several keys.</summary>
public sealed class TokenConfigurationTests
{
    private static Dictionary<string, string?> Base(string data) => new()
    {
        ["Storage:Provider"] = "Sqlite",
        ["Storage:DataDirectory"] = data,
    };

    [Fact]
    public void Outside_Development_a_signing_key_must_be_configured()
    {
        var error = Assert.Throws<OptionsValidationException>(() => DossierHost.CreateBuilder(["--environment", "Production"], Base(TestHost.NewDataDirectory())));
        Assert.Contains("Auth:SigningKeys", error.Message);
    }

    [Fact]
    public void Outside_Development_a_development_key_is_refused()
    {
        var data = TestHost.NewDataDirectory();
        var devKey = DevelopmentKey.LoadOrCreate(data);
        var settings = Base(data);
        settings["Auth:SigningKeys:0:Id"] = devKey.Id;
        settings["Auth:SigningKeys:0:Key"] = devKey.Key;
        var error = Assert.Throws<OptionsValidationException>(() => DossierHost.CreateBuilder(["--environment", "Production"], settings));
        Assert.Contains("development key", error.Message);
    }

    [Fact]
    public async Task In_Development_a_key_is_created_in_the_data_folder_and_its_tokens_mean_nothing_elsewhere()
    {
        var data = TestHost.NewDataDirectory();
        DossierHost.CreateBuilder(["--environment", "Development"], Base(data));
        var devKey = DevelopmentKey.LoadOrCreate(data);
        Assert.StartsWith(DevelopmentKey.IdPrefix, devKey.Id);
        Assert.Equal(devKey.Key, DevelopmentKey.LoadOrCreate(data).Key); // kept across restarts

        await using var production = await TestHost.StartAsync();
        var devToken = TestTokens.For(Roles.Portal, key: devKey);
        var refused = await Assert.ThrowsAsync<RpcException>(() =>
            new DossierService.DossierServiceClient(production.Channel).SubmitDossierAsync(Requests.Submit(), TestTokens.Bearer(devToken)).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);
    }

    [Fact]
    public async Task A_token_that_worked_is_refused_once_it_expires()
    {
        // Valid tokens are remembered to save checking them on every call: never past their expiry.
        await using var host = await TestHost.StartAsync(settings: new Dictionary<string, string?> { ["Auth:ClockSkew"] = "00:00:00" });
        var client = new DossierService.DossierServiceClient(host.Channel);
        // Warmed up first, and a lifetime long enough for two calls on a busy CI machine; then past its expiry
        // (whole seconds in the token) by a margin.
        await client.SubmitDossierAsync(Requests.Submit(), TestTokens.Bearer(TestTokens.For(Roles.Portal)));
        var issued = DateTimeOffset.UtcNow;
        var lifetime = TimeSpan.FromSeconds(10);
        var shortLived = TestTokens.Bearer(TestTokens.For(Roles.Portal, lifetime: lifetime, now: issued));
        Assert.Equal(DossierState.Submitted, (await client.SubmitDossierAsync(Requests.Submit(), shortLived)).State);
        Assert.Equal(DossierState.Submitted, (await client.SubmitDossierAsync(Requests.Submit(), shortLived)).State);

        var untilExpired = issued + lifetime + TimeSpan.FromSeconds(2) - DateTimeOffset.UtcNow;
        await Task.Delay(untilExpired > TimeSpan.Zero ? untilExpired : TimeSpan.Zero);
        var expired = await Assert.ThrowsAsync<RpcException>(() => client.SubmitDossierAsync(Requests.Submit(), shortLived).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, expired.StatusCode);
    }

    [Fact]
    public async Task Tokens_signed_with_any_listed_key_are_accepted_so_keys_can_be_rotated()
    {
        var next = SigningKey.Generate("2027-01");
        await using var host = await TestHost.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Auth:SigningKeys:1:Id"] = next.Id,
            ["Auth:SigningKeys:1:Key"] = next.Key,
        });
        var client = new DossierService.DossierServiceClient(host.Channel);
        foreach (var key in new[] { TestTokens.Key, next })
        {
            var submitted = await client.SubmitDossierAsync(Requests.Submit(), TestTokens.Bearer(TestTokens.For(Roles.Portal, key: key)));
            Assert.Equal(DossierState.Submitted, submitted.State);
        }
    }
}

/// <summary>The token cache answers a repeated valid token from memory, and never an invalid one.</summary>
public sealed class CachingTokenHandlerTests
{
    private static TokenValidationParameters Parameters() => new()
    {
        ValidIssuer = TestTokens.Issuer,
        ValidAudience = TestTokens.Audience,
        IssuerSigningKey = TestTokens.Key.ToSecurityKey(),
        ClockSkew = TimeSpan.Zero,
    };

    [Fact]
    public async Task A_valid_token_is_checked_once_and_a_bad_one_every_time()
    {
        var handler = new Silo.Hosting.CachingTokenHandler(TimeSpan.FromHours(12)) { MapInboundClaims = false };
        var token = TestTokens.For(Roles.Portal);
        var first = await handler.ValidateTokenAsync(token, Parameters());
        var second = await handler.ValidateTokenAsync(token, Parameters());
        Assert.True(first.IsValid);
        Assert.Same(first, second);

        var foreign = TestTokens.For(Roles.Portal, audience: "another-service");
        var once = await handler.ValidateTokenAsync(foreign, Parameters());
        var twice = await handler.ValidateTokenAsync(foreign, Parameters());
        Assert.False(once.IsValid);
        Assert.NotSame(once, twice);
    }
}
