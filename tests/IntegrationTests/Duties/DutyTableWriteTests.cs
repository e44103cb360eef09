using DossierTracking.Contracts.Agencies;
using DossierTracking.Contracts.Dossiers;
using DossierTracking.Contracts.Duties;
using DossierTracking.IntegrationTests.Infrastructure;
using DossierTracking.Silo.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace DossierTracking.IntegrationTests.Duties;

/// <summary>
/// The due times beside the read model follow its rows' versions: written only with a row the batch actually wrote,
/// so a late batch of an older version leaves a newer due time alone; a due time that becomes none removes the
/// dossier from the due index; and the sweep's own correction applies only at the version it read.
/// </summary>
public abstract class DutyTableWriteTests
{
    private static readonly DateTimeOffset Now = new(2020, 11, 2, 2, 0, 0, TimeSpan.Zero);

    protected abstract IServiceProvider Services { get; }

    private DossierIndexStore Store => Services.GetRequiredService<DossierIndexStore>();

    [Fact]
    public async Task An_older_version_arriving_late_leaves_the_newer_due_time()
    {
        var code = NewCode();
        await Store.UpsertAsync([Row(code, 2, Now.AddHours(-1))]);
        await Store.UpsertAsync([Row(code, 1, Now.AddHours(-5))]);

        var due = Assert.Single(await Due(code));
        Assert.Equal((2L, Now.AddHours(-1)), (due.Version, due.DutyAt));
    }

    [Fact]
    public async Task A_due_time_that_becomes_none_leaves_the_due_index_and_a_stale_correction_is_refused()
    {
        var code = NewCode();
        await Store.UpsertAsync([Row(code, 1, Now.AddHours(-1))]);
        Assert.Single(await Due(code));

        await Store.UpsertAsync([Row(code, 2, null)]);
        Assert.Empty(await Due(code));

        Assert.False(await Store.SetDutyAtAsync(code, 1, Now.AddHours(-3)));
        Assert.Empty(await Due(code));
        Assert.True(await Store.SetDutyAtAsync(code, 2, Now.AddHours(-3)));
        Assert.Equal(Now.AddHours(-3), Assert.Single(await Due(code)).DutyAt);
        Assert.True(await Store.SetDutyAtAsync(code, 2, null));
        Assert.Empty(await Due(code));
    }

    private async Task<IReadOnlyList<DutyCandidate>> Due(string code)
    {
        var found = new List<DutyCandidate>();
        DutyCandidate? after = null;
        while (true)
        {
            var page = await Store.DueAsync(Now, after, 500);
            found.AddRange(page.Where(c => c.ReceiptCode == code));
            if (page.Count < 500)
            {
                return found;
            }

            after = page[^1];
        }
    }

    private static string NewCode() => "H49.50-201102-" + Random.Shared.Next(100_000, 999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static DossierIndexRow Row(string code, long version, DateTimeOffset? dutyAt) => new()
    {
        ReceiptCode = code,
        Version = version,
        State = DossierState.InProcessing,
        Channel = Channel.Online,
        ProcedureCode = "1.003205",
        ReceivingDeskCode = "H49.50",
        HandlingAgencyCode = "H49.50",
        CurrentAgencyCode = "H49.50",
        ApplicantName = "Vũ Văn Hùng",
        ApplicantIdNumber = "022190005555",
        ApplicantPhone = "",
        UpdatedAt = Now,
        DutyAt = dutyAt,
    };
}

/// <summary>On SQLite; the sweep is off in both, so that it cannot act on these rows, which have no dossier behind them.</summary>
public sealed class SqliteDutyTableWriteTests : DutyTableWriteTests, IAsyncLifetime
{
    private TestHost _host = null!;

    protected override IServiceProvider Services => _host.Services;

    public async Task InitializeAsync() => _host = await TestHost.StartAsync(settings: new Dictionary<string, string?> { ["Duties:Enabled"] = "false" });

    public async Task DisposeAsync() => await _host.DisposeAsync();
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresDutyTableWriteTests(PostgresFixture postgres) : DutyTableWriteTests, IAsyncLifetime
{
    private TestHost _host = null!;

    protected override IServiceProvider Services => _host.Services;

    public async Task InitializeAsync() => _host = await TestHost.StartAsync(settings: new Dictionary<string, string?>(await postgres.NewDatabaseSettingsAsync())
    {
        ["Duties:Enabled"] = "false",
    });

    public async Task DisposeAsync() => await _host.DisposeAsync();
}
