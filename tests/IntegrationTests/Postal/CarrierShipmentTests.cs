using DossierTracking.Grains.Agencies;
using DossierTracking.IntegrationTests.Agencies;
using DossierTracking.GrpcApi.Security;
using DossierTracking.GrpcApi.V1;
using DossierTracking.IntegrationTests.Infrastructure;
using DossierTracking.IntegrationTests.Rest;
using Google.Rpc;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static DossierTracking.IntegrationTests.Infrastructure.Requests;

namespace DossierTracking.IntegrationTests.Postal;

/// <summary>
/// Carriers: each lists its own shipments awaiting pickup and in transit (paged, with tokens bound to it), and reports
/// delivery events with a location, a reason and its raw code, which GetShipment gives back over gRPC and REST.
/// </summary>
public sealed class CarrierShipmentTests
{
    private const string CarrierA = "vnpost-qn";
    private const string CarrierB = "viettelpost";
    private static readonly Metadata A = TestTokens.Bearer(TestTokens.For(Roles.Postal, CarrierA));
    private static readonly Metadata B = TestTokens.Bearer(TestTokens.For(Roles.Postal, CarrierB));
    private readonly FakeTimeProvider _clock = new(Local(2026, 3, 2, 9, 0));

    private static async Task<string> HandedTo(TestHost host, string carrier)
    {
        var api = host.Dossiers;
        var submit = Submit();
        submit.DeliveryMethod = ReturnMethod.Post;
        submit.DeliveryAddress = "Số 12 phố Cao Thắng, phường Cao Thắng, TP Hạ Long";
        var code = (await api.SubmitDossierAsync(submit)).ReceiptCode;
        await api.AcceptDossierAsync(new AcceptDossierRequest { ReceiptCode = code, Actor = Desk() });
        await api.ForwardDossierAsync(new ForwardDossierRequest { ReceiptCode = code, Actor = Desk() });
        await api.RecordResultAsync(new RecordResultRequest { ReceiptCode = code, Actor = Officer(), Result = ResultKind.Approved, DocumentRef = "GPXD-26-15" });
        var handed = await api.HandToPostAsync(new HandToPostRequest { ReceiptCode = code, Actor = Desk(), Carrier = carrier });
        return handed.Shipments[^1].TrackingNumber;
    }

    /// <summary>
    /// The list reads the read model, which trails the shipments by about a second: asks until the list is
    /// <paramref name="expected"/> (30 s only catch a hang) and answers the last list, for the caller to assert.
    /// </summary>
    private static Task<List<string>> Eventually(PostalService.PostalServiceClient post, Metadata carrier, ShipmentQueue queue, IEnumerable<string> expected)
    {
        var want = expected.Order().ToList();
        return AgencyTestSupport.EventuallyAsync(async () => (await ListAll(post, carrier, queue)).Order().ToList(), list => list.SequenceEqual(want));
    }

    private static async Task<List<string>> ListAll(PostalService.PostalServiceClient post, Metadata carrier, ShipmentQueue queue, int pageSize = 0)
    {
        var all = new List<string>();
        var token = "";
        do
        {
            var page = await post.ListShipmentsAsync(new ListShipmentsRequest { Queue = queue, PageSize = pageSize, PageToken = token }, carrier);
            Assert.True(pageSize == 0 || page.Shipments.Count <= pageSize);
            all.AddRange(page.Shipments.Select(s => s.TrackingNumber));
            token = page.NextPageToken;
        }
        while (token.Length > 0);
        return all;
    }

    private static ReportDeliveryEventRequest Event(string tracking, string id, ShipmentStatus status, DateTimeOffset at) => new()
    {
        TrackingNumber = tracking,
        EventId = id,
        Status = status,
        OccurredAt = At(at),
    };

    private static string FieldOf(RpcException e) => e.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations[0].Field;

    [Fact]
    public async Task A_carrier_lists_only_its_own_shipments_awaiting_pickup_and_in_transit_and_its_tokens_work_only_for_it()
    {
        await using var host = await TestHost.StartAsync(clock: _clock);
        await ListingScenario(host, _clock);
    }

    [Fact]
    public async Task A_shipment_whose_read_model_row_was_lost_in_a_crash_is_listed_again_after_the_repair()
    {
        await using var host = await TestHost.StartAsync(clock: _clock);
        var post = new PostalService.PostalServiceClient(host.Channel);
        var tracking = await HandedTo(host, CarrierA);
        Assert.Equal([tracking], await Eventually(post, A, ShipmentQueue.AwaitingPickup, [tracking]));

        // As if the silo died before its relay wrote the row: the dossier is stored, its row is not.
        await using (var connection = await host.Services.GetRequiredService<DossierTracking.Silo.Storage.StorageConnections>().OpenReadModelAsync(CancellationToken.None))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM dvc_dossier_index";
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }

        Assert.Empty(await ListAll(post, A, ShipmentQueue.Unspecified));
        Assert.Equal(1, await host.Services.GetRequiredService<DossierIndexRepair>().RepairAsync(CancellationToken.None));
        Assert.Equal([tracking], await Eventually(post, A, ShipmentQueue.AwaitingPickup, [tracking]));
    }

    /// <summary>Two carriers' shipments, listed, paged, moved and delivered; tokens tried across carriers and queues.</summary>
    internal static async Task ListingScenario(TestHost host, FakeTimeProvider clock)
    {
        var post = new PostalService.PostalServiceClient(host.Channel);
        var ofA = new List<string>();
        var ofB = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ofA.Add(await HandedTo(host, CarrierA));
        }

        for (var i = 0; i < 2; i++)
        {
            ofB.Add(await HandedTo(host, CarrierB));
        }

        Assert.Equal(ofA.Order(), await Eventually(post, A, ShipmentQueue.AwaitingPickup, ofA));
        Assert.Empty(await ListAll(post, A, ShipmentQueue.InTransit));
        Assert.Equal(ofB.Order(), await Eventually(post, B, ShipmentQueue.Unspecified, ofB));

        // Pages of two: every shipment once, none of the other carrier's.
        var paged = await ListAll(post, A, ShipmentQueue.Unspecified, pageSize: 2);
        Assert.Equal(ofA.Order(), paged.Order());
        Assert.Equal(paged.Count, paged.Distinct().Count());

        var first = await post.ListShipmentsAsync(new ListShipmentsRequest { PageSize = 2 }, A);
        Assert.NotEmpty(first.NextPageToken);
        async Task<RpcException> Refused(ListShipmentsRequest request, Metadata carrier) =>
            await Assert.ThrowsAsync<RpcException>(() => post.ListShipmentsAsync(request, carrier).ResponseAsync);

        // B presenting A's token is refused exactly like a token nobody issued.
        var stolen = await Refused(new ListShipmentsRequest { PageSize = 2, PageToken = first.NextPageToken }, B);
        var tampered = first.NextPageToken[..^2] + (first.NextPageToken[^2] == 'A' ? "B" : "A") + first.NextPageToken[^1];
        var forged = await Refused(new ListShipmentsRequest { PageSize = 2, PageToken = tampered }, A);
        var otherQueue = await Refused(new ListShipmentsRequest { Queue = ShipmentQueue.InTransit, PageSize = 2, PageToken = first.NextPageToken }, A);
        foreach (var refusal in new[] { stolen, forged, otherQueue })
        {
            Assert.Equal((StatusCode.InvalidArgument, "page_token"), (refusal.StatusCode, FieldOf(refusal)));
        }

        Assert.Equal(stolen.Status.Detail, forged.Status.Detail);
        Assert.Equal("page_size", FieldOf(await Refused(new ListShipmentsRequest { PageSize = -1 }, A)));
        Assert.Equal("queue", FieldOf(await Refused(new ListShipmentsRequest { Queue = (ShipmentQueue)9 }, A)));

        // In transit after the post's report; gone from both lists once delivered.
        var moving = ofA[2];
        clock.Advance(TimeSpan.FromHours(2));
        await post.ReportDeliveryEventAsync(Event(moving, "A-1", ShipmentStatus.InTransit, clock.GetUtcNow().AddMinutes(-30)), A);
        Assert.Equal([moving], await Eventually(post, A, ShipmentQueue.InTransit, [moving]));
        Assert.Equal(ofA.Where(t => t != moving).Order(), (await ListAll(post, A, ShipmentQueue.AwaitingPickup)).Order());
        var inTransit = await post.ListShipmentsAsync(new ListShipmentsRequest { Queue = ShipmentQueue.InTransit }, A);
        var listed = Assert.Single(inTransit.Shipments);
        Assert.Equal((moving, ShipmentStatus.InTransit), (listed.TrackingNumber, listed.Status));
        Assert.DoesNotContain(moving, await ListAll(post, B, ShipmentQueue.Unspecified));

        await post.ReportDeliveryEventAsync(Event(moving, "A-2", ShipmentStatus.Delivered, clock.GetUtcNow().AddMinutes(-10)), A);
        var open_ = ofA.Where(t => t != moving).ToList();
        Assert.Equal(open_.Order(), await Eventually(post, A, ShipmentQueue.Unspecified, open_));
        Assert.DoesNotContain(moving, await ListAll(post, A, ShipmentQueue.Unspecified));
        Assert.Empty(await ListAll(post, A, ShipmentQueue.InTransit));
        Assert.Equal(ofB.Order(), (await ListAll(post, B, ShipmentQueue.AwaitingPickup)).Order());

        // Over REST the same list, for the same carrier only.
        using var rest = new RestCaller(host);
        var overRest = await rest.GetAsync("/v1/shipments?queue=SHIPMENT_QUEUE_AWAITING_PICKUP&pageSize=100", TestTokens.For(Roles.Postal, CarrierB));
        Assert.Equal(ofB.Order(), overRest.As<ListShipmentsResponse>().Shipments.Select(s => s.TrackingNumber).Order());
    }

    [Fact]
    public async Task Location_reason_and_raw_code_are_kept_with_the_events_and_raw_codes_are_mapped_by_the_carriers_table()
    {
        await using var host = await TestHost.StartAsync(clock: _clock, settings: new Dictionary<string, string?>
        {
            ["Postal:ReasonCodes:viettelpost:VT-KH-VANG"] = "RecipientAbsent",
        });
        var post = new PostalService.PostalServiceClient(host.Channel);
        var tracking = await HandedTo(host, CarrierA);
        var day = Local(2026, 3, 2);
        _clock.Advance(TimeSpan.FromDays(4));

        var given = Event(tracking, "E1", ShipmentStatus.DeliveryFailed, day.AddHours(10));
        (given.Location, given.Reason, given.RawCode) = ("Bưu cục Hạ Long (200000)", DeliveryReason.Refused, "X-77");
        await post.ReportDeliveryEventAsync(given, A);
        var mapped = Event(tracking, "E2", ShipmentStatus.DeliveryFailed, day.AddDays(1).AddHours(10));
        mapped.RawCode = "v02"; // the built-in (illustrative) table of the public post, matched without regard to case
        await post.ReportDeliveryEventAsync(mapped, A);
        var unknown = Event(tracking, "E3", ShipmentStatus.ReturnedToSender, day.AddDays(2).AddHours(10));
        (unknown.RawCode, unknown.Location) = ("ZZ-9", "BC Bãi Cháy");
        await post.ReportDeliveryEventAsync(unknown, A);

        var shipment = await post.GetShipmentAsync(new GetShipmentRequest { TrackingNumber = tracking }, A);
        Assert.Equal(
            [("Bưu cục Hạ Long (200000)", DeliveryReason.Refused, "X-77"), ("", DeliveryReason.AddressNotFound, "v02"), ("BC Bãi Cháy", DeliveryReason.Other, "ZZ-9")],
            shipment.Events.Select(e => (e.Location, e.Reason, e.RawCode)));

        using var rest = new RestCaller(host);
        var overRest = await rest.GetAsync($"/v1/shipments/{tracking}", TestTokens.For(Roles.Postal, CarrierA));
        Assert.Equal(shipment, overRest.As<Shipment>());
        Assert.Equal("DELIVERY_REASON_REFUSED", (string?)overRest.Json["events"]![0]!["reason"]);
        Assert.Equal("X-77", (string?)overRest.Json["events"]![0]!["rawCode"]);

        // Another carrier's codes come from the setting.
        var ofB = await HandedTo(host, CarrierB);
        var absent = Event(ofB, "B1", ShipmentStatus.DeliveryFailed, _clock.GetUtcNow().AddMinutes(-5));
        absent.RawCode = "VT-KH-VANG";
        var reply = await post.ReportDeliveryEventAsync(absent, B);
        Assert.Equal(DeliveryReason.RecipientAbsent, reply.Shipment.Events[^1].Reason);
    }

    [Fact]
    public async Task Bad_location_reason_or_raw_code_is_invalid_argument_naming_the_field_and_changes_nothing()
    {
        await using var host = await TestHost.StartAsync(clock: _clock);
        var post = new PostalService.PostalServiceClient(host.Channel);
        var tracking = await HandedTo(host, CarrierA);
        var at = _clock.GetUtcNow().AddMinutes(-5);

        ReportDeliveryEventRequest Failed(Action<ReportDeliveryEventRequest> change)
        {
            var request = Event(tracking, "BAD-1", ShipmentStatus.DeliveryFailed, at);
            change(request);
            return request;
        }

        var cases = new (string Field, ReportDeliveryEventRequest Request)[]
        {
            ("location", Failed(r => r.Location = new string('B', 101))),
            ("location", Failed(r => r.Location = "Bưu cục\nHạ Long")),
            ("raw_code", Failed(r => r.RawCode = "V 01")),
            ("raw_code", Failed(r => r.RawCode = new string('V', 33))),
            ("reason", Failed(r => r.Reason = (DeliveryReason)42)),
            ("reason", new ReportDeliveryEventRequest(Event(tracking, "BAD-1", ShipmentStatus.InTransit, at)) { Reason = DeliveryReason.RecipientAbsent }),
            ("reason", new ReportDeliveryEventRequest(Event(tracking, "BAD-1", ShipmentStatus.Delivered, at)) { Reason = DeliveryReason.Other }),
        };
        foreach (var (field, request) in cases)
        {
            var e = await Assert.ThrowsAsync<RpcException>(() => post.ReportDeliveryEventAsync(request, A).ResponseAsync);
            Assert.Equal((StatusCode.InvalidArgument, field), (e.StatusCode, FieldOf(e)));
        }

        var unchanged = await post.GetShipmentAsync(new GetShipmentRequest { TrackingNumber = tracking }, A);
        Assert.Equal((ShipmentStatus.HandedOver, 0), (unchanged.Status, unchanged.Events.Count));

        // At the bounds it is accepted.
        var fits = Failed(r => (r.Location, r.RawCode, r.Reason) = (new string('B', 100), new string('V', 32), DeliveryReason.UnreachablePhone));
        Assert.Equal(PostalOutcome.Applied, (await post.ReportDeliveryEventAsync(fits, A)).Outcome);
    }
}
