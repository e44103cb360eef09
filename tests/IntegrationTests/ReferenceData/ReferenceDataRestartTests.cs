using DossierTracking.GrpcApi.V1;
using DossierTracking.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using static DossierTracking.IntegrationTests.Infrastructure.Requests;
using static DossierTracking.IntegrationTests.ReferenceData.ReferenceDataSupport;

namespace DossierTracking.IntegrationTests.ReferenceData;

/// <summary>The published versions are what a restarted silo loads, and what another silo of the cluster follows.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ReferenceDataRestartTests(PostgresFixture postgres)
{
    [Fact]
    public async Task A_restarted_silo_loads_the_published_versions_not_the_shipped_files()
    {
        var clock = new FakeTimeProvider(LateDecember2027);
        var data = TestHost.NewDataDirectory();
        await using (var first = await TestHost.StartAsync(data, clock))
        {
            var client = Client(first);
            await client.PublishReferenceDataAsync(new PublishReferenceDataRequest { Kind = "calendar", Content = CalendarWith2028(), ExpectedCurrentVersion = 1 }, AsAdmin);
            await client.PublishReferenceDataAsync(new PublishReferenceDataRequest { Kind = "catalog", Content = CatalogWithLimit(PermitAdjustment, 30), ExpectedCurrentVersion = 1 }, AsAdmin);
        }

        await using var second = await TestHost.StartAsync(data, clock);
        foreach (var kind in new[] { "calendar", "catalog" })
        {
            var versions = await Client(second).ListReferenceDataVersionsAsync(new ListReferenceDataVersionsRequest { Kind = kind }, AsAdmin);
            Assert.Equal((2, 2), (versions.InForceVersion, versions.Versions.Count));
        }

        Assert.Equal(30, (await second.Catalog.GetProcedureAsync(new GetProcedureRequest { Code = PermitAdjustment })).Limit.Value);
        // 30 working days from 27 December 2027 with 2028's days off (20 of them end on 1 February).
        Assert.Equal(Local(2028, 2, 15, 8, 0), DueOf(await SubmitAsync(second)));
    }

    [Fact]
    public async Task On_PostgreSQL_a_version_published_through_one_silo_is_in_force_on_the_other_within_its_poll_interval()
    {
        var clock = new FakeTimeProvider(LateDecember2027);
        var settings = new Dictionary<string, string?>(await postgres.NewDatabaseSettingsAsync())
        {
            ["Silo:ClusterId"] = "refdata-" + Guid.NewGuid().ToString("N")[..8],
            ["ReferenceData:PollInterval"] = "00:00:00.200",
        };
        await using var first = await TestHost.StartAsync(clock: clock, settings: settings);
        await using var second = await TestHost.StartAsync(clock: clock, settings: settings);
        Assert.Equal(DueWithout2028, DueOf(await SubmitAsync(second)));

        await Client(first).PublishReferenceDataAsync(new PublishReferenceDataRequest { Kind = "calendar", Content = CalendarWith2028(), ExpectedCurrentVersion = 1 }, AsAdmin);
        await Client(first).PublishReferenceDataAsync(new PublishReferenceDataRequest { Kind = "catalog", Content = CatalogWithLimit(PermitAdjustment, 25), ExpectedCurrentVersion = 1 }, AsAdmin);

        var onSecond = await EventuallyAsync(
            () => Client(second).ListReferenceDataVersionsAsync(new ListReferenceDataVersionsRequest { Kind = "calendar" }, AsAdmin).ResponseAsync, v => v.InForceVersion == 2);
        Assert.Equal(2, onSecond.InForceVersion);
        // The catalogue service answers from the silo's own memory: the second silo's catalogue is the new one.
        var procedure = await EventuallyAsync(() => second.Catalog.GetProcedureAsync(new GetProcedureRequest { Code = PermitAdjustment }).ResponseAsync, p => p.Limit.Value == 25);
        Assert.Equal(25, procedure.Limit.Value);
        // Wherever the new dossier's grain lives, both silos decide with 2028's days off and the 25-day limit.
        Assert.Equal(Local(2028, 2, 8, 8, 0), DueOf(await SubmitAsync(second)));
    }
}
