using Microsoft.Extensions.Time.Testing;

namespace DossierTracking.IntegrationTests.Infrastructure;

/// <summary>One host per test class, on SQLite, with a fake domain clock starting Monday 19 October 2020, 08:00 (UTC+7).</summary>
public sealed class HostFixture : IAsyncLifetime
{
    public FakeTimeProvider Clock { get; } = new(Requests.Local(2020, 10, 19, 8, 0));

    public TestHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await TestHost.StartAsync(clock: Clock);

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
