using DossierTracking.GrpcApi.V1;
using DossierTracking.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using static DossierTracking.IntegrationTests.Infrastructure.Requests;

namespace DossierTracking.IntegrationTests.Agencies;

/// <summary>The deadline watch and a restart on PostgreSQL: figures come back from the read model, judged at the new moment.</summary>
[Collection(PostgresCollection.Name)]
public sealed class AgencyPostgresTests(PostgresFixture postgres)
{
    [Fact]
    public async Task On_PostgreSQL_an_open_dossier_turns_overdue_and_raises_the_apology_flag_at_the_right_moment()
    {
        var clock = new FakeTimeProvider(Local(2020, 10, 19, 8, 0));
        await using var host = await TestHost.StartAsync(clock: clock, settings: await postgres.NewDatabaseSettingsAsync());
        await AgencyApiTests.OverdueScenario(host, clock);
    }

    [Fact]
    public async Task After_a_restart_the_agency_rebuilds_from_the_read_model_and_a_dossier_that_fell_due_meanwhile_counts_as_overdue()
    {
        var clock = new FakeTimeProvider(Local(2020, 10, 19, 9, 0));
        var settings = await postgres.NewDatabaseSettingsAsync();
        string code;
        await using (var first = await TestHost.StartAsync(clock: clock, settings: settings))
        {
            code = (await first.Dossiers.ReceiveDossierAsync(AgencyTestSupport.Counter())).ReceiptCode; // due 16 November 09:00
            var agencies = new AgencyService.AgencyServiceClient(first.Invoker);
            await AgencyTestSupport.EventuallyAsync(() => agencies.GetAgencyFiguresAsync(new GetAgencyFiguresRequest { AgencyCode = Construction }).ResponseAsync,
                f => f.Total == 1);
        }

        clock.SetUtcNow(Local(2020, 11, 17, 9, 0));
        await using var second = await TestHost.StartAsync(clock: clock, settings: settings);
        var figures = await new AgencyService.AgencyServiceClient(second.Invoker).GetAgencyFiguresAsync(new GetAgencyFiguresRequest { AgencyCode = Construction });
        Assert.Equal((1, 0, 1), (figures.Total, figures.OpenWithinDeadline, figures.OpenOverdue));
        var queue = await new AgencyService.AgencyServiceClient(second.Invoker).GetAgencyQueueAsync(new GetAgencyQueueRequest { AgencyCode = Centre });
        Assert.Equal(code, Assert.Single(queue.Dossiers).ReceiptCode);
        Assert.Equal(Timeliness.Overdue, queue.Dossiers[0].Timeliness);
    }
}
