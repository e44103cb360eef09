using DossierTracking.Contracts.Dossiers;
using DossierTracking.Contracts.Postal;
using DossierTracking.Domain.Dossiers;
using static DossierTracking.Contracts.Dossiers.DossierState;
using static DossierTracking.UnitTests.Dossiers.Lifecycle;
using static DossierTracking.UnitTests.TestData;

namespace DossierTracking.UnitTests.Postal;

/// <summary>Delivery events' location, reason and raw code: the carriers' code tables and the rules on what goes with what.</summary>
public sealed class DeliveryReasonTests
{
    private static readonly DateTimeOffset Handed = Start.AddDays(3);
    private static readonly DateTimeOffset Now = Start.AddDays(20);

    private static DossierRecord HandedOver()
    {
        var submitted = Decider.Create(Online() with { Delivery = ReturnMethod.Post, DeliveryAddress = "Số 5 đường Trần Hưng Đạo" }, Code, Start, TestData.PinHash).Ok();
        var received = Decider.Accept(submitted, As(DeskOfficer()), Start.AddHours(1)).Ok();
        var processing = Decider.Forward(received, As(DeskOfficer()), Start.AddHours(2)).Ok();
        var ready = Decider.RecordResult(processing, As(AgencyOfficer()), ResultKind.Approved, "GP-9", Start.AddDays(2)).Ok();
        return Decider.HandToPost(ready, As(DeskOfficer()), "", Carrier, ResultReturnedAt.Delivery, Handed).Ok();
    }

    private static PostalReport Event(ShipmentStatus status, DeliveryReason reason = default, string rawCode = "", string location = "") => new()
    {
        ShipmentNumber = 1,
        EventId = "E1",
        Status = status,
        OccurredAt = Handed.AddHours(5),
        Operator = Carrier,
        Reason = reason,
        RawCode = rawCode,
        Location = location,
    };

    [Fact]
    public void The_read_model_row_carries_the_latest_shipment_and_the_agencies_copy_does_not()
    {
        var d = HandedOver();
        d = Decider.ReportPostal(d, Event(ShipmentStatus.InTransit), Now).Next!;
        var row = Domain.Agencies.DossierIndexRows.From(d, TestData.Calendar);
        Assert.Equal(new Contracts.Agencies.IndexedShipment { Number = 1, Carrier = Carrier, Status = ShipmentStatus.InTransit, HandedAt = Handed, StatusAt = Handed.AddHours(5) },
            row.Shipment);
        Assert.Null(row.ForCounting().Shipment);
        Assert.Null(Domain.Agencies.DossierIndexRows.From(d with { Shipments = [] }, TestData.Calendar).Shipment);
    }

    [Theory]
    [InlineData("V01", DeliveryReason.RecipientAbsent)]
    [InlineData("v02", DeliveryReason.AddressNotFound)]
    [InlineData(" V03 ", DeliveryReason.Refused)]
    [InlineData("V04", DeliveryReason.UnreachablePhone)]
    [InlineData("V99", DeliveryReason.Other)]
    [InlineData("NOT-A-CODE", DeliveryReason.Other)]
    public void The_public_posts_built_in_codes_map_and_an_unknown_code_is_other(string raw, DeliveryReason expected) =>
        Assert.Equal(expected, DeliveryReasonCodes.Default.Normalise(DeliveryReasonCodes.PublicPostCarrier, ShipmentStatus.DeliveryFailed, DeliveryReason.Unspecified, raw));

    [Fact]
    public void A_reported_reason_wins_over_the_raw_code_and_only_failures_and_returns_get_one()
    {
        var codes = DeliveryReasonCodes.Default;
        Assert.Equal(DeliveryReason.Refused, codes.Normalise(DeliveryReasonCodes.PublicPostCarrier, ShipmentStatus.ReturnedToSender, DeliveryReason.Refused, "V01"));
        Assert.Equal(DeliveryReason.Unspecified, codes.Normalise(DeliveryReasonCodes.PublicPostCarrier, ShipmentStatus.InTransit, DeliveryReason.Unspecified, "V01"));
        Assert.Equal(DeliveryReason.Unspecified, codes.Normalise(DeliveryReasonCodes.PublicPostCarrier, ShipmentStatus.DeliveryFailed, DeliveryReason.Unspecified, ""));
    }

    [Fact]
    public void A_configured_carrier_gets_exactly_its_own_codes_and_a_carrier_without_a_table_gets_other()
    {
        var codes = DeliveryReasonCodes.From(new Dictionary<string, Dictionary<string, DeliveryReason>>
        {
            ["viettelpost"] = new() { ["KH-VANG"] = DeliveryReason.RecipientAbsent },
            [DeliveryReasonCodes.PublicPostCarrier] = new() { ["BC-01"] = DeliveryReason.AddressNotFound },
        });
        Assert.Equal(DeliveryReason.RecipientAbsent, codes.Normalise("viettelpost", ShipmentStatus.DeliveryFailed, default, "kh-vang"));
        Assert.Equal(DeliveryReason.AddressNotFound, codes.Normalise(DeliveryReasonCodes.PublicPostCarrier, ShipmentStatus.DeliveryFailed, default, "BC-01"));
        // The setting replaces the built-in table of the carrier it names.
        Assert.Equal(DeliveryReason.Other, codes.Normalise(DeliveryReasonCodes.PublicPostCarrier, ShipmentStatus.DeliveryFailed, default, "V01"));
        Assert.Equal(DeliveryReason.Other, codes.Normalise("ghn", ShipmentStatus.ReturnedToSender, default, "KH-VANG"));
    }

    [Fact]
    public void The_event_keeps_location_raw_code_and_the_mapped_reason()
    {
        var codes = DeliveryReasonCodes.From(new Dictionary<string, Dictionary<string, DeliveryReason>> { [Carrier] = new() { ["X1"] = DeliveryReason.UnreachablePhone } });
        var decision = Decider.ReportPostal(HandedOver(), Event(ShipmentStatus.DeliveryFailed, rawCode: "X1", location: "Bưu cục Hạ Long"), Now, codes);
        Assert.Null(decision.Failure);
        var e = decision.Shipment!.Events[^1];
        Assert.Equal(("Bưu cục Hạ Long", DeliveryReason.UnreachablePhone, "X1"), (e.Location, e.Reason, e.RawCode));
    }

    [Theory]
    [InlineData(ShipmentStatus.Accepted)]
    [InlineData(ShipmentStatus.InTransit)]
    [InlineData(ShipmentStatus.Delivered)]
    public void A_reason_with_any_status_but_a_failure_or_return_is_refused_and_changes_nothing(ShipmentStatus status)
    {
        var decision = Decider.ReportPostal(HandedOver(), Event(status, DeliveryReason.RecipientAbsent), Now);
        Assert.Equal((FailureKind.InvalidArgument, "reason", "REASON_NOT_ALLOWED"), (decision.Failure?.Kind, decision.Failure?.Field, decision.Failure?.Reason));
        Assert.Null(decision.Next);
    }

    [Fact]
    public void Too_long_a_location_or_raw_code_and_an_unknown_reason_are_refused_naming_the_field()
    {
        var d = HandedOver();
        Assert.Equal("location", Decider.ReportPostal(d, Event(ShipmentStatus.DeliveryFailed, location: new string('B', DossierLimits.MaxEventLocationLength + 1)), Now).Failure?.Field);
        Assert.Equal("raw_code", Decider.ReportPostal(d, Event(ShipmentStatus.DeliveryFailed, rawCode: new string('V', DossierLimits.MaxRawCodeLength + 1)), Now).Failure?.Field);
        Assert.Equal("reason", Decider.ReportPostal(d, Event(ShipmentStatus.DeliveryFailed, (DeliveryReason)99), Now).Failure?.Field);
        Assert.Null(Decider.ReportPostal(d, Event(ShipmentStatus.DeliveryFailed, DeliveryReason.Refused, new string('V', DossierLimits.MaxRawCodeLength),
            new string('B', DossierLimits.MaxEventLocationLength)), Now).Failure);
    }
}
