using DossierTracking.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using static DossierTracking.IntegrationTests.Duties.DutyScenario;

namespace DossierTracking.IntegrationTests.Duties;

/// <summary>The due index's queries and corrections on PostgreSQL (the same text as on SQLite).</summary>
[Collection(PostgresCollection.Name)]
public sealed class DutyPostgresTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Rows_written_before_the_due_index_are_asked_once_and_a_row_with_a_wrong_time_is_corrected()
    {
        var clock = new FakeTimeProvider(Received);
        var settings = new Dictionary<string, string?>(await postgres.NewDatabaseSettingsAsync()) { ["Duties:Enabled"] = "false" };
        await using var host = await TestHost.StartAsync(clock: clock, settings: settings);
        await DutySweepTests.OldAndWrongRowsAsync(host, clock);
    }
}
