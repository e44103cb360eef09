using DossierTracking.GrpcApi.Security;
using DossierTracking.GrpcApi.V1;
using DossierTracking.IntegrationTests.Audit;
using DossierTracking.IntegrationTests.Crash;
using DossierTracking.IntegrationTests.Infrastructure;
using Google.Rpc;
using Grpc.Core;

namespace DossierTracking.IntegrationTests.Cluster;

/// <summary>
/// The guessing limit of a dossier's second factor is the dossier's, not a silo's: wrong guesses sent through two silo
/// processes alternately are counted together, the lock holds on both, and every wrong guess is in the audit.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class GuessingLimitClusterTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Wrong_guesses_through_two_silos_are_counted_together_and_lock_the_dossier_on_both()
    {
        await using var cluster = await ClusterCrashTests.StartClusterAsync(postgres, 2);
        var received = await cluster[0].Dossiers.ReceiveDossierAsync(Agencies.AgencyTestSupport.Counter());
        var anonymous = cluster.Select(s => new DossierService.DossierServiceClient(s.Channel)).ToList();

        for (var i = 0; i < 5; i++)
        {
            var wrong = await Assert.ThrowsAsync<RpcException>(() => anonymous[i % 2].GetDossierAsync(
                new GetDossierRequest { ReceiptCode = received.ReceiptCode, LookupPin = $"{90000000 + i}" }).ResponseAsync);
            Assert.Equal(StatusCode.PermissionDenied, wrong.StatusCode);
        }

        foreach (var silo in anonymous)
        {
            var locked = await Assert.ThrowsAsync<RpcException>(() => silo.GetDossierAsync(
                new GetDossierRequest { ReceiptCode = received.ReceiptCode, LookupPin = received.LookupPin }).ResponseAsync);
            Assert.Equal((StatusCode.ResourceExhausted, "SECOND_FACTOR_LOCKED"), (locked.StatusCode, locked.GetRpcStatus()!.GetDetail<ErrorInfo>().Reason));
        }

        var audit = await AuditScenarios.ReadAuditAsync(cluster[1].Channel, received.ReceiptCode, pageSize: 100,
            until: all => all.Count(e => e is { Method: "/dvc.v1.DossierService/GetDossier", Outcome: "PERMISSION_DENIED" }) >= 5);
        Assert.Equal(5, audit.Count(e => e is { Method: "/dvc.v1.DossierService/GetDossier", Role: "anonymous", Outcome: "PERMISSION_DENIED", Reason: "NOT_YOUR_DOSSIER" }));
        Assert.Equal(2, audit.Count(e => e is { Method: "/dvc.v1.DossierService/GetDossier", Outcome: "RESOURCE_EXHAUSTED", Reason: "SECOND_FACTOR_LOCKED" }));
    }
}
