using DossierTracking.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using static DossierTracking.IntegrationTests.Infrastructure.Requests;

namespace DossierTracking.IntegrationTests.Postal;

/// <summary>The carriers' lists on PostgreSQL: the read model's shipment columns (migration 0010) and their partial index.</summary>
[Collection(PostgresCollection.Name)]
public sealed class CarrierShipmentPostgresTests(PostgresFixture postgres)
{
    [Fact]
    public async Task On_PostgreSQL_a_carrier_lists_only_its_own_shipments_and_its_tokens_work_only_for_it()
    {
        var clock = new FakeTimeProvider(Local(2026, 3, 2, 9, 0));
        await using var host = await TestHost.StartAsync(clock: clock, settings: await postgres.NewDatabaseSettingsAsync());
        await CarrierShipmentTests.ListingScenario(host, clock);
    }
}
