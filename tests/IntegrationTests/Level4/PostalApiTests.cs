using DossierTracking.GrpcApi.V1;
using DossierTracking.IntegrationTests.Infrastructure;
using Grpc.Core;
using Microsoft.Extensions.Time.Testing;
using static DossierTracking.IntegrationTests.Infrastructure.Requests;

namespace DossierTracking.IntegrationTests.Level4;

/// <summary>Results by post over gRPC: the desk's handover, the post's events (duplicated, reordered), delivery and return to sender.</summary>
public sealed class PostalApiTests
{
    private const string Address = "Số 12 phố Cao Thắng, phường Cao Thắng, TP Hạ Long";
    private readonly FakeTimeProvider _clock = new(Local(2026, 3, 2, 9, 0));

    internal static async Task<Dossier> HandedToPost(TestHost host)
    {
        var api = host.Dossiers;
        var submit = Submit();
        submit.DeliveryMethod = ReturnMethod.Post;
        submit.DeliveryAddress = Address;
        var code = (await api.SubmitDossierAsync(submit)).ReceiptCode;
        await api.AcceptDossierAsync(new AcceptDossierRequest { ReceiptCode = code, Actor = Desk() });
        await api.ForwardDossierAsync(new ForwardDossierRequest { ReceiptCode = code, Actor = Desk() });
        await api.RecordResultAsync(new RecordResultRequest { ReceiptCode = code, Actor = Officer(), Result = ResultKind.Approved, DocumentRef = "GPXD-26-15" });
        return await api.HandToPostAsync(new HandToPostRequest { ReceiptCode = code, Actor = Desk() });
    }

    private static ReportDeliveryEventRequest Event(string tracking, string id, ShipmentStatus status, DateTimeOffset at) => new()
    {
        TrackingNumber = tracking,
        EventId = id,
        Status = status,
        OccurredAt = At(at),
        PostalOperator = "vnpost-qn",
    };

    [Fact]
    public async Task The_posts_events_in_any_order_and_repeated_deliver_the_result_once()
    {
        await using var host = await TestHost.StartAsync(clock: _clock);
        var post = new PostalService.PostalServiceClient(host.Invoker);
        var handed = await HandedToPost(host);
        Assert.Equal(DossierState.ResultReady, handed.State);
        var tracking = Assert.Single(handed.Shipments).TrackingNumber;
        Assert.Equal(handed.ReceiptCode + "-P1", tracking);

        var day = Local(2026, 3, 2, 0, 0);
        _clock.Advance(TimeSpan.FromHours(3));
        var transit = await post.ReportDeliveryEventAsync(Event(tracking, "EV-2", ShipmentStatus.InTransit, day.AddHours(11)));
        Assert.Equal((PostalOutcome.Applied, ShipmentStatus.InTransit), (transit.Outcome, transit.Shipment.Status));
        // The pick-up report arrives after the transit one: it would move the shipment back.
        var late = await post.ReportDeliveryEventAsync(Event(tracking, "EV-1", ShipmentStatus.Accepted, day.AddHours(10)));
        Assert.Equal(PostalOutcome.Stale, late.Outcome);
        Assert.Equal(ShipmentStatus.InTransit, late.Shipment.Status);

        _clock.Advance(TimeSpan.FromHours(6));
        var delivered = await post.ReportDeliveryEventAsync(Event(tracking, "EV-3", ShipmentStatus.Delivered, day.AddHours(14)));
        Assert.Equal((PostalOutcome.Applied, DossierState.ResultReturned), (delivered.Outcome, delivered.DossierState));
        var repeat = await post.ReportDeliveryEventAsync(Event(tracking, "EV-3", ShipmentStatus.Delivered, day.AddHours(14)));
        Assert.Equal((PostalOutcome.Duplicate, delivered.DossierVersion), (repeat.Outcome, repeat.DossierVersion));

        var dossier = await host.Dossiers.GetDossierAsync(new GetDossierRequest { ReceiptCode = handed.ReceiptCode });
        Assert.Equal((DossierState.ResultReturned, ReturnMethod.Post), (dossier.State, dossier.ReturnMethod));
        Assert.Equal(At(day.AddHours(14)), dossier.ReturnedAt);
        Assert.Equal(["EV-2", "EV-3"], dossier.Shipments[0].Events.Select(e => e.EventId));
        Assert.Single(dossier.History, h => h.Action == DossierAction.ReturnResult);
        Assert.Equal(ShipmentStatus.Delivered, (await post.GetShipmentAsync(new GetShipmentRequest { TrackingNumber = tracking })).Status);
    }

    [Fact]
    public async Task A_result_returned_to_sender_is_back_at_the_desk_and_can_be_sent_again()
    {
        await using var host = await TestHost.StartAsync(clock: _clock);
        var post = new PostalService.PostalServiceClient(host.Invoker);
        var handed = await HandedToPost(host);
        var tracking = handed.Shipments[0].TrackingNumber;
        _clock.Advance(TimeSpan.FromDays(10));
        var day = Local(2026, 3, 3);
        await post.ReportDeliveryEventAsync(Event(tracking, "F1", ShipmentStatus.DeliveryFailed, day.AddHours(9)));
        await post.ReportDeliveryEventAsync(Event(tracking, "F2", ShipmentStatus.DeliveryFailed, day.AddDays(2).AddHours(9)));
        var back = await post.ReportDeliveryEventAsync(Event(tracking, "R1", ShipmentStatus.ReturnedToSender, day.AddDays(5)));
        Assert.Equal(DossierState.ResultReady, back.DossierState);

        var again = await host.Dossiers.HandToPostAsync(new HandToPostRequest { ReceiptCode = handed.ReceiptCode, Actor = Desk(), Address = "Số 3 phố Bến Đoan, TP Hạ Long" });
        Assert.Equal(2, again.Shipments.Count);
        Assert.Equal((handed.ReceiptCode + "-P2", "Số 3 phố Bến Đoan, TP Hạ Long"), (again.Shipments[1].TrackingNumber, again.Shipments[1].Address));
    }

    [Fact]
    public async Task Under_the_handover_setting_the_handover_returns_the_result_and_a_watcher_follows_the_shipment_to_its_end()
    {
        await using var host = await TestHost.StartAsync(clock: _clock, settings: new Dictionary<string, string?> { ["Postal:ResultReturnedAt"] = "Handover" });
        var handed = await HandedToPost(host);
        Assert.Equal((DossierState.ResultReturned, ReturnMethod.Post), (handed.State, handed.ReturnMethod));

        // State 10 already, but the shipment still moves: the watch goes on until the post returns the result.
        var tracking = handed.Shipments[0].TrackingNumber;
        using var watch = host.Dossiers.WatchDossier(new WatchDossierRequest { ReceiptCode = handed.ReceiptCode, AfterVersion = handed.Version });
        var post = new PostalService.PostalServiceClient(host.Invoker);
        _clock.Advance(TimeSpan.FromHours(30));
        await post.ReportDeliveryEventAsync(Event(tracking, "T1", ShipmentStatus.InTransit, Local(2026, 3, 2, 15, 0)));
        await post.ReportDeliveryEventAsync(Event(tracking, "R1", ShipmentStatus.ReturnedToSender, Local(2026, 3, 3, 10, 0)));
        var actions = new List<DossierAction>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30)); // only a hang: the events arrive at once
        while (actions.Count < 2 && await watch.ResponseStream.MoveNext(timeout.Token))
        {
            actions.Add(watch.ResponseStream.Current.Entry.Action);
        }

        Assert.Equal([DossierAction.PostalEvent, DossierAction.ReturnedToSender], actions);
        Assert.Equal(DossierState.ResultReady, watch.ResponseStream.Current.State);
    }

    [Fact]
    public async Task Unknown_tracking_numbers_and_bad_events_are_refused_and_a_result_for_the_desk_is_not_posted()
    {
        await using var host = await TestHost.StartAsync(clock: _clock);
        var post = new PostalService.PostalServiceClient(host.Invoker);
        var handed = await HandedToPost(host);
        var tracking = handed.Shipments[0].TrackingNumber;
        var now = Local(2026, 3, 2, 9, 0);

        async Task<StatusCode> Refused(ReportDeliveryEventRequest request) =>
            (await Assert.ThrowsAsync<RpcException>(() => post.ReportDeliveryEventAsync(request).ResponseAsync)).StatusCode;

        // Unknown shipments are refused as a shipment another operator carries would be (ObjectAccessTests).
        Assert.Equal(StatusCode.PermissionDenied, await Refused(Event(handed.ReceiptCode + "-P2", "E1", ShipmentStatus.Accepted, now)));
        Assert.Equal(StatusCode.PermissionDenied, await Refused(Event("H49.50-260302-9999-P1", "E1", ShipmentStatus.Accepted, now)));
        Assert.Equal(StatusCode.InvalidArgument, await Refused(Event("EB123456789VN", "E1", ShipmentStatus.Accepted, now)));
        Assert.Equal(StatusCode.InvalidArgument, await Refused(Event(tracking, "", ShipmentStatus.Accepted, now)));
        Assert.Equal(StatusCode.InvalidArgument, await Refused(Event(tracking, "E1", ShipmentStatus.HandedOver, now)));
        Assert.Equal(StatusCode.InvalidArgument, await Refused(Event(tracking, "E1", ShipmentStatus.Accepted, now.AddDays(2))));

        var atDesk = (await host.Dossiers.SubmitDossierAsync(Submit())).ReceiptCode;
        var api = host.Dossiers;
        await api.AcceptDossierAsync(new AcceptDossierRequest { ReceiptCode = atDesk, Actor = Desk() });
        await api.ForwardDossierAsync(new ForwardDossierRequest { ReceiptCode = atDesk, Actor = Desk() });
        await api.RecordResultAsync(new RecordResultRequest { ReceiptCode = atDesk, Actor = Officer(), Result = ResultKind.Approved, DocumentRef = "GP" });
        var notByPost = await Assert.ThrowsAsync<RpcException>(() => api.HandToPostAsync(new HandToPostRequest { ReceiptCode = atDesk, Actor = Desk() }).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, notByPost.StatusCode);

        var unchanged = await api.GetDossierAsync(new GetDossierRequest { ReceiptCode = handed.ReceiptCode });
        Assert.Equal(handed.Version, unchanged.Version);
    }
}
