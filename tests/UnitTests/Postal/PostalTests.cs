using DossierTracking.Contracts.Dossiers;
using DossierTracking.Contracts.Postal;
using DossierTracking.Domain.Dossiers;
using static DossierTracking.Contracts.Dossiers.DossierState;
using static DossierTracking.UnitTests.Dossiers.Lifecycle;
using static DossierTracking.UnitTests.TestData;

namespace DossierTracking.UnitTests.Postal;

/// <summary>docs/domain.md "Postal delivery of results": handover, ordered idempotent delivery events, delivery and return to sender.</summary>
public sealed class PostalTests
{
    private const string Address = "Số 5 đường Trần Hưng Đạo, phường Hồng Gai, TP Hạ Long";
    private static readonly DateTimeOffset Handed = Start.AddDays(3);
    private static readonly DateTimeOffset Now = Start.AddDays(20);

    private static DossierRecord ReadyByPost()
    {
        var submitted = Decider.Create(Online() with { Delivery = ReturnMethod.Post, DeliveryAddress = Address }, Code, Start, TestData.PinHash).Ok();
        var received = Decider.Accept(submitted, As(DeskOfficer()), Start.AddHours(1)).Ok();
        var processing = Decider.Forward(received, As(DeskOfficer()), Start.AddHours(2)).Ok();
        return Decider.RecordResult(processing, As(AgencyOfficer()), ResultKind.Approved, "GP-9", Start.AddDays(2)).Ok();
    }

    private static DossierRecord Handed_(ResultReturnedAt policy = ResultReturnedAt.Delivery) =>
        Decider.HandToPost(ReadyByPost(), As(DeskOfficer()), "", Carrier, policy, Handed).Ok();

    private static PostalReport Event(string id, ShipmentStatus status, int hours, int shipment = 1) => new()
    {
        ShipmentNumber = shipment,
        EventId = id,
        Status = status,
        OccurredAt = Handed.AddHours(hours),
        Operator = "vnpost",
    };

    private static (DossierRecord Dossier, PostalOutcome Outcome) Apply(DossierRecord dossier, PostalReport report)
    {
        var decision = Decider.ReportPostal(dossier, report, Now);
        Assert.Null(decision.Failure);
        return (decision.Next ?? dossier, decision.Outcome);
    }

    [Fact]
    public void Handing_to_the_post_creates_a_shipment_with_a_tracking_number_that_names_the_dossier()
    {
        var handed = Handed_();
        Assert.Equal(ResultReady, handed.State);
        var shipment = Assert.Single(handed.Shipments);
        Assert.Equal(($"{Code}-P1", Address, ShipmentStatus.HandedOver), (shipment.TrackingNumber, shipment.Address, shipment.Status));
        Assert.Equal(DossierAction.HandToPost, handed.History[^1].Action);
        Assert.True(Shipment.TryParseTrackingNumber(shipment.TrackingNumber, out var code, out var number));
        Assert.Equal((Code, 1), (code, number));

        var twice = Decider.HandToPost(handed, As(DeskOfficer()), "", Carrier, ResultReturnedAt.Delivery, Handed.AddHours(1)).Refused();
        Assert.Equal("ALREADY_WITH_POST", twice.Reason);
    }

    [Fact]
    public void Only_a_result_the_applicant_asked_to_receive_by_post_is_handed_to_the_post_and_only_by_its_desk()
    {
        Assert.Equal("NOT_BY_POST", Decider.HandToPost(InState(ResultReady), As(DeskOfficer()), "", Carrier, ResultReturnedAt.Delivery, Handed).Refused().Reason);
        Assert.Equal("OUTSIDE_AGENCY", Decider.HandToPost(ReadyByPost(), As(DeskOfficer(HaLong)), "", Carrier, ResultReturnedAt.Delivery, Handed).Refused().Reason);
        Assert.Equal(FailureKind.FailedPrecondition, Decider.HandToPost(InState(InProcessing), As(DeskOfficer()), "", Carrier, ResultReturnedAt.Delivery, Handed).Refused().Kind);
    }

    [Fact]
    public void Delivery_returns_the_result_at_the_time_the_post_delivered_it()
    {
        var d = Handed_();
        (d, _) = Apply(d, Event("E1", ShipmentStatus.Accepted, 1));
        (d, _) = Apply(d, Event("E2", ShipmentStatus.InTransit, 5));
        Assert.Equal(ResultReady, d.State);
        (d, var outcome) = Apply(d, Event("E3", ShipmentStatus.Delivered, 30));
        Assert.Equal(PostalOutcome.Applied, outcome);
        Assert.Equal((ResultReturned, ReturnMethod.Post, Handed.AddHours(30)), (d.State, d.ReturnMethod, d.ReturnedAt));
        Assert.Equal(DossierAction.ReturnResult, d.History[^1].Action);
        Assert.Equal(Party.PostalService, d.History[^1].Actor.Party);
        Assert.Equal([DossierAction.PostalEvent, DossierAction.PostalEvent, DossierAction.ReturnResult], d.History.TakeLast(3).Select(h => h.Action));
    }

    [Fact]
    public void Under_the_handover_policy_the_handover_returns_the_result_and_delivery_only_records()
    {
        var d = Handed_(ResultReturnedAt.Handover);
        Assert.Equal((ResultReturned, Handed), (d.State, d.ReturnedAt));
        (d, _) = Apply(d, Event("E1", ShipmentStatus.Delivered, 20));
        Assert.Equal((ResultReturned, Handed), (d.State, d.ReturnedAt));
        Assert.Equal(DossierAction.PostalEvent, d.History[^1].Action);
    }

    [Fact]
    public void Returned_to_sender_brings_the_result_back_to_the_desk_and_it_can_be_sent_again()
    {
        foreach (var policy in Enum.GetValues<ResultReturnedAt>())
        {
            var d = Handed_(policy);
            (d, _) = Apply(d, Event("E1", ShipmentStatus.DeliveryFailed, 10));
            (d, _) = Apply(d, Event("E2", ShipmentStatus.DeliveryFailed, 60));
            (d, _) = Apply(d, Event("E3", ShipmentStatus.ReturnedToSender, 200));
            Assert.Equal((ResultReady, (DateTimeOffset?)null, Centre), (d.State, d.ReturnedAt, d.CurrentAgencyCode));
            Assert.Equal(DossierAction.ReturnedToSender, d.History[^1].Action);

            var again = Decider.HandToPost(d, As(DeskOfficer()), "Số 7 đường Lê Thánh Tông", Carrier, ResultReturnedAt.Delivery, Now).Ok();
            Assert.Equal(("Số 7 đường Lê Thánh Tông", $"{Code}-P2"), (again.Shipments[^1].Address, again.Shipments[^1].TrackingNumber));
            Assert.Equal(ShipmentStatus.ReturnedToSender, again.Shipments[0].Status);
        }
    }

    [Fact]
    public void Only_the_carrier_named_at_handover_reports_on_a_shipment()
    {
        // Bound when the desk hands it over, before the post reports anything: another operator cannot take it.
        var handed = Handed_();
        Assert.Equal(Carrier, handed.Shipments[0].Carrier);
        var first = Decider.ReportPostal(handed, Event("E1", ShipmentStatus.Accepted, 1) with { Operator = "viettelpost" }, Now).Failure!;
        Assert.Equal((FailureKind.PermissionDenied, "NOT_YOUR_SHIPMENT"), (first.Kind, first.Reason));

        var (d, _) = Apply(handed, Event("E1", ShipmentStatus.Accepted, 1));
        var other = Decider.ReportPostal(d, Event("E2", ShipmentStatus.Delivered, 5) with { Operator = "viettelpost" }, Now).Failure!;
        Assert.Equal(first, other);
    }

    [Fact]
    public void A_repeated_event_id_changes_nothing()
    {
        var (d, _) = Apply(Handed_(), Event("E1", ShipmentStatus.InTransit, 2));
        var repeat = Decider.ReportPostal(d, Event("E1", ShipmentStatus.InTransit, 2), Now);
        Assert.Equal(PostalOutcome.Duplicate, repeat.Outcome);
        Assert.Null(repeat.Next);
    }

    [Fact]
    public void Late_events_never_move_a_shipment_backwards()
    {
        var (d, _) = Apply(Handed_(), Event("E2", ShipmentStatus.InTransit, 5));
        // An earlier stage, even with a later time.
        Assert.Equal(PostalOutcome.Stale, Decider.ReportPostal(d, Event("E1", ShipmentStatus.Accepted, 6), Now).Outcome);
        // The same stage, older than the current status.
        Assert.Equal(PostalOutcome.Stale, Decider.ReportPostal(d, Event("E0", ShipmentStatus.DeliveryFailed, 4), Now).Outcome);
        // A later failed attempt and a later transit alternate as time goes on.
        (d, _) = Apply(d, Event("E3", ShipmentStatus.DeliveryFailed, 7));
        (d, _) = Apply(d, Event("E4", ShipmentStatus.InTransit, 50));
        Assert.Equal(ShipmentStatus.InTransit, d.Shipments[0].Status);
        (d, _) = Apply(d, Event("E5", ShipmentStatus.Delivered, 60));
        // After delivery nothing moves it, not even a return with a later time.
        Assert.Equal(PostalOutcome.Stale, Decider.ReportPostal(d, Event("E6", ShipmentStatus.ReturnedToSender, 90), Now).Outcome);
        Assert.Equal(ResultReturned, d.State);
    }

    [Fact]
    public void Every_order_of_the_same_events_ends_delivered()
    {
        PostalReport[] events =
        [
            Event("E1", ShipmentStatus.Accepted, 1),
            Event("E2", ShipmentStatus.InTransit, 3),
            Event("E3", ShipmentStatus.DeliveryFailed, 20),
            Event("E4", ShipmentStatus.Delivered, 48),
            Event("E4", ShipmentStatus.Delivered, 48),
        ];
        var orders = new[] { new[] { 0, 1, 2, 3, 4 }, [4, 3, 2, 1, 0], [3, 0, 1, 4, 2], [1, 0, 2, 3, 4], [2, 1, 0, 4, 3] };
        foreach (var order in orders)
        {
            var d = Handed_();
            foreach (var i in order)
            {
                (d, _) = Apply(d, events[i]);
            }

            Assert.Equal((ResultReturned, ShipmentStatus.Delivered), (d.State, d.Shipments[0].Status));
            Assert.Single(d.History, h => h.Action == DossierAction.ReturnResult);
        }
    }

    [Fact]
    public void Unknown_shipments_bad_statuses_and_future_times_are_refused()
    {
        var d = Handed_();
        // An unknown shipment (of a known dossier, or of none) is refused like one another operator carries.
        var unknown = Decider.ReportPostal(d, Event("E1", ShipmentStatus.Accepted, 1, shipment: 2), Now).Failure!;
        Assert.Equal((FailureKind.PermissionDenied, "NOT_YOUR_SHIPMENT"), (unknown.Kind, unknown.Reason));
        Assert.Equal(unknown, Decider.ReportPostal(null, Event("E1", ShipmentStatus.Accepted, 1), Now).Failure!);
        Assert.Equal(unknown, Decider.ReportPostal(d, Event("E1", ShipmentStatus.Accepted, 1) with { Operator = "viettel-post" }, Now).Failure!);
        Assert.Equal("status", Decider.ReportPostal(d, Event("E1", ShipmentStatus.HandedOver, 1), Now).Failure!.Field);
        Assert.Equal("occurred_at", Decider.ReportPostal(d, Event("E1", ShipmentStatus.Accepted, 24 * 30), Now).Failure!.Field);
    }

    [Theory]
    [InlineData("H49.50-201019-0001-P1", true)]
    [InlineData("H49.50-201019-0001-P12", true)]
    [InlineData("H49.50-201019-0001", false)]
    [InlineData("H49.50-201019-0001-P", false)]
    [InlineData("H49.50-201019-0001-P0", false)]
    [InlineData("H49.50-201019-0001-X1", false)]
    public void Tracking_numbers_parse_only_when_they_are_ours(string trackingNumber, bool valid) =>
        Assert.Equal(valid, Shipment.TryParseTrackingNumber(trackingNumber, out _, out _));
}
