using System.Diagnostics;
using DossierTracking.GrpcApi.V1;
using DossierTracking.IntegrationTests.Infrastructure;
using Grpc.Core;
using Microsoft.Extensions.Time.Testing;
using static DossierTracking.IntegrationTests.Infrastructure.Requests;

namespace DossierTracking.IntegrationTests.Api;

/// <summary>WatchDossier: a portal follows a dossier's committed changes as they happen, and catches up after a reconnect.</summary>
public sealed class WatchDossierTests
{
    private readonly FakeTimeProvider _clock = new(Local(2020, 10, 19, 8, 0));

    /// <summary>
    /// A change reaches a live watcher at once (milliseconds); the bound is generous so that only a change that never
    /// arrives fails on a busy shared CI machine.
    /// </summary>
    private static readonly TimeSpan DeliveryLimit = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_watcher_sees_every_change_exactly_once_in_order_across_a_reconnect_and_a_reactivation()
    {
        await using var host = await TestHost.StartAsync(clock: _clock);
        var api = host.Dossiers;
        var code = (await api.SubmitDossierAsync(Submit())).ReceiptCode;
        var seen = new List<DossierChange>();

        // First connection: from the beginning, while the desk works on the dossier.
        using (var first = new CancellationTokenSource())
        {
            using var call = api.WatchDossier(new WatchDossierRequest { ReceiptCode = code }, cancellationToken: first.Token);
            var stream = call.ResponseStream;
            Assert.True(await stream.MoveNext());
            seen.Add(stream.Current);

            _clock.SetUtcNow(Local(2020, 10, 19, 9, 0));
            foreach (var change in new Func<Task<Dossier>>[]
            {
                () => api.AcceptDossierAsync(new AcceptDossierRequest { ReceiptCode = code, Actor = Desk() }).ResponseAsync,
                () => api.ForwardDossierAsync(new ForwardDossierRequest { ReceiptCode = code, Actor = Desk() }).ResponseAsync,
            })
            {
                var acknowledged = await change();
                var watch = Stopwatch.StartNew();
                var next = stream.MoveNext();
                Assert.True(await Task.WhenAny(next, Task.Delay(DeliveryLimit)) == next, $"not delivered within {DeliveryLimit} of the acknowledgement");
                Assert.True(await next, $"the stream ended instead ({watch.Elapsed} after the acknowledgement)");
                Assert.Equal(acknowledged.Version, stream.Current.Entry.Version);
                seen.Add(stream.Current);
            }

            await first.CancelAsync();
        }

        // Disconnected: two more changes, and the dossier leaves memory (it comes back from the database).
        await api.RequestSupplementAsync(new RequestSupplementRequest
        {
            ReceiptCode = code, Actor = Officer(), MissingItems = { "Bản vẽ" }, Reason = "Thiếu bản vẽ", Deadline = At(Local(2020, 10, 30, 17, 0)),
        });
        await api.ReceiveSupplementAsync(new ReceiveSupplementRequest { ReceiptCode = code, Actor = Desk() });
        await host.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        // Second connection from the last version seen: what was missed first, then the rest until the dossier is done.
        using (var second = api.WatchDossier(new WatchDossierRequest { ReceiptCode = code, AfterVersion = seen[^1].Entry.Version }))
        {
            var stream = second.ResponseStream;
            for (var i = 0; i < 2; i++)
            {
                Assert.True(await stream.MoveNext());
                seen.Add(stream.Current);
            }

            await api.RecordResultAsync(new RecordResultRequest { ReceiptCode = code, Actor = Officer(), Result = ResultKind.Approved, DocumentRef = "GPXD-9" });
            await api.ReturnResultAsync(new ReturnResultRequest { ReceiptCode = code, Actor = Desk(), Method = ReturnMethod.InPerson });
            while (await stream.MoveNext())
            {
                seen.Add(stream.Current);
            }
        }

        var history = (await api.GetDossierAsync(new GetDossierRequest { ReceiptCode = code })).History;
        Assert.Equal(Enumerable.Range(1, 7).Select(v => (long)v), seen.Select(c => c.Entry.Version));
        Assert.Equal(history, seen.Select(c => c.Entry));
        Assert.Equal(DossierState.ResultReturned, seen[^1].State);
    }

    [Fact]
    public async Task Watching_an_unknown_dossier_is_refused_like_a_foreign_one_and_a_negative_version_is_refused()
    {
        await using var host = await TestHost.StartAsync(clock: _clock);
        async Task<StatusCode> Watch(string code, Metadata? headers = null) =>
            (await Assert.ThrowsAsync<RpcException>(async () =>
            {
                using var call = host.Dossiers.WatchDossier(new WatchDossierRequest { ReceiptCode = code }, headers);
                await call.ResponseStream.MoveNext();
            })).StatusCode;

        // An officer may watch only what their unit holds; a supervisor may watch any dossier, so is told there is none.
        Assert.Equal(StatusCode.PermissionDenied, await Watch("H49.50-201019-9999"));
        Assert.Equal(StatusCode.NotFound, await Watch("H49.50-201019-9999", TestTokens.Bearer(TestTokens.For(GrpcApi.Security.Roles.Supervisor, "sv-1"))));

        var code = (await host.Dossiers.SubmitDossierAsync(Submit())).ReceiptCode;
        var negative = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            using var call = host.Dossiers.WatchDossier(new WatchDossierRequest { ReceiptCode = code, AfterVersion = -1 });
            await call.ResponseStream.MoveNext();
        });
        Assert.Equal(StatusCode.InvalidArgument, negative.StatusCode);
        Assert.Contains("after_version", negative.Status.Detail);
    }
}
