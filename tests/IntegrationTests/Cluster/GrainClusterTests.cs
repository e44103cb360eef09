using System.Diagnostics;
using DossierTracking.Contracts.Dossiers;
using Orleans.TestingHost;

namespace DossierTracking.IntegrationTests.Cluster;

/// <summary>Grains on a two-silo cluster: state and numbering survive the death of the silo that held them.</summary>
public sealed class GrainClusterTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    /// <summary>Waits that take milliseconds when all is well; generous, so only a hang fails on a busy CI machine.</summary>
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(30);

    private readonly InProcessTestCluster _cluster = fixture.Cluster;

    [Fact]
    public async Task Receipt_numbers_are_never_reused_when_the_silo_holding_the_sequence_dies()
    {
        var key = GrainKeys.ReceiptSequence("H49.50", new DateOnly(2020, 10, 21)) + "-" + Guid.NewGuid().ToString("N")[..6];
        var sequence = _cluster.Client.GetGrain<IReceiptSequenceGrain>(key);
        var issued = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            issued.Add(await sequence.NextAsync());
        }

        var secondary = await MoveToSecondaryAsync(sequence);
        issued.Add(await sequence.NextAsync());
        await _cluster.KillSiloAsync(secondary);
        await _cluster.WaitForLivenessToStabilizeAsync(didKill: true);
        for (var i = 0; i < 5; i++)
        {
            issued.Add(await sequence.NextAsync());
        }

        Assert.Equal(issued.Count, issued.Distinct().Count());
        Assert.Equal(issued.Order(), issued);
        Assert.Equal([1L, 2, 3, 4, 5], issued.Take(5));
        await _cluster.StartAdditionalSiloAsync();
    }

    [Fact]
    public async Task A_dossier_reloads_with_its_history_on_another_silo_after_a_crash()
    {
        var dossier = new NewDossier
        {
            RequestId = "cluster-" + Guid.NewGuid().ToString("N"),
            ProcedureCode = "1.003205",
            ReceivingDeskCode = "H49.50",
            Channel = Channel.Counter,
            Applicant = new Applicant { Kind = ApplicantKind.Citizen, FullName = "Phạm Thị Dung", IdNumber = "022190004321" },
            Actor = new Actor { Party = Party.DeskOfficer, PersonId = "mc-02", AgencyCode = "H49.50" },
        };
        var created = await _cluster.Client.GetGrain<IDossierIntakeGrain>(0).SubmitAsync(dossier);
        var code = created.Dossier!.ReceiptCode;
        var grain = _cluster.Client.GetGrain<IDossierGrain>(code);
        var forwarded = await grain.ForwardAsync(new ActionContext { Actor = dossier.Actor });
        Assert.Equal(DossierState.InProcessing, forwarded.Dossier!.State);

        var secondary = await MoveToSecondaryAsync(grain);
        await _cluster.KillSiloAsync(secondary);
        await _cluster.WaitForLivenessToStabilizeAsync(didKill: true);

        var reloaded = (await grain.GetAsync()).Dossier!;
        Assert.Equal(2, reloaded.Version);
        Assert.Equal(forwarded.Dossier.History, reloaded.History);
        await _cluster.StartAdditionalSiloAsync();
    }

    [Fact]
    public async Task A_watcher_that_reconnects_after_the_dossiers_silo_died_gets_the_changes_it_missed_from_the_new_activation()
    {
        var actor = new Actor { Party = Party.DeskOfficer, PersonId = "mc-03", AgencyCode = "H49.50" };
        var created = await _cluster.Client.GetGrain<IDossierIntakeGrain>(0).SubmitAsync(new NewDossier
        {
            RequestId = "watch-" + Guid.NewGuid().ToString("N"),
            ProcedureCode = "1.003205",
            ReceivingDeskCode = "H49.50",
            Channel = Channel.Counter,
            Applicant = new Applicant { Kind = ApplicantKind.Citizen, FullName = "Vũ Văn Hùng", IdNumber = "022190005555" },
            Actor = actor,
        });
        var grain = _cluster.Client.GetGrain<IDossierGrain>(created.Dossier!.ReceiptCode);
        var seen = (await grain.WaitForChangesAsync(0, TimeSpan.Zero)).Entries.ToList();
        Assert.Equal([1L], seen.Select(e => e.Version));

        // While the watcher is away: a change on the secondary silo, which then dies.
        var secondary = await MoveToSecondaryAsync(grain);
        await grain.ForwardAsync(new ActionContext { Actor = actor });
        await _cluster.KillSiloAsync(secondary);
        await _cluster.WaitForLivenessToStabilizeAsync(didKill: true);

        // Reconnecting from version 1 reaches the new activation, which reads the history from storage; then a live change.
        var missed = await grain.WaitForChangesAsync(1, WaitLimit);
        seen.AddRange(missed.Entries);
        var waiting = grain.WaitForChangesAsync(2, WaitLimit);
        await Task.Delay(200);
        await grain.StopAsync(new ActionContext { Actor = new Actor { Party = Party.AgencyLeader, PersonId = "ld-01", AgencyCode = "H49.08" } }, "Dừng theo đề nghị");
        seen.AddRange((await waiting).Entries);

        Assert.Equal([1L, 2, 3], seen.Select(e => e.Version));
        Assert.Equal((await grain.GetAsync()).Dossier!.History, seen);
        await _cluster.StartAdditionalSiloAsync();
    }

    /// <summary>Puts the grain's activation on a secondary silo (the primary hosts the test membership table).</summary>
    private async Task<InProcessSiloHandle> MoveToSecondaryAsync(IAddressable grain)
    {
        var secondary = _cluster.Silos.Skip(1).First();
        var management = _cluster.Client.GetGrain<IManagementGrain>(0);
        if (await management.GetActivationAddress(grain) != secondary.SiloAddress)
        {
            await _cluster.MigrateAsync(grain, secondary.SiloAddress);
        }

        var waiting = Stopwatch.StartNew();
        while (waiting.Elapsed < WaitLimit && await management.GetActivationAddress(grain) != secondary.SiloAddress)
        {
            await Task.Delay(100);
        }

        Assert.Equal(secondary.SiloAddress, await management.GetActivationAddress(grain));
        return secondary;
    }
}
