using System.Text.RegularExpressions;
using DossierTracking.Contracts.Dossiers;
using DossierTracking.Contracts.Postal;
using DossierTracking.GrpcApi.Errors;
using DossierTracking.GrpcApi.Mapping;
using DossierTracking.GrpcApi.Security;
using DossierTracking.GrpcApi.V1;
using DossierTracking.GrpcApi.Validation;
using Grpc.Core;
using DeliveryReason = DossierTracking.Contracts.Postal.DeliveryReason;
using Shipment = DossierTracking.Contracts.Postal.Shipment;
using ShipmentStatus = DossierTracking.Contracts.Postal.ShipmentStatus;

namespace DossierTracking.GrpcApi.Services;

/// <summary>
/// Delivery events from the postal service. The tracking number names the dossier, so a report is one call to that
/// dossier's grain, which keeps the shipment with the dossier and persists before it answers. A carrier's list of its
/// open shipments comes from the read model (<see cref="IShipmentIndex"/>), not from the grains: it scales with the
/// page, not with the number of dossiers, and after a crash the read model is repaired from the dossiers' own state.
/// </summary>
public sealed partial class PostalApiService(IGrainFactory grains, IShipmentIndex shipments, PageTokens pageTokens) : PostalService.PostalServiceBase
{
    [GeneratedRegex(@"^[A-Za-z0-9._:/\-]*\z", RegexOptions.CultureInvariant)]
    private static partial Regex RawCodePattern();

    public override async Task<ReportDeliveryEventReply> ReportDeliveryEvent(ReportDeliveryEventRequest request, ServerCallContext context)
    {
        var (code, number) = Tracking(request.TrackingNumber);
        var eventId = Input.ExternalId(request.EventId, "event_id");
        var report = new PostalReport
        {
            ShipmentNumber = number,
            EventId = eventId,
            Status = (ShipmentStatus)(int)Input.Defined(request.Status, "status"),
            OccurredAt = Input.Time(request.OccurredAt, "occurred_at"),
            Note = Input.Text(request.Note, "note"),
            Location = Location(request.Location),
            Reason = (DeliveryReason)(int)Input.Defined(request.Reason, "reason"),
            RawCode = RawCode(request.RawCode),
            // The operator is the caller: its token, not the request, says who reports.
            Operator = Input.ActorOf(Caller.Of(context)).PersonId,
        };
        var reply = await grains.GetGrain<IDossierGrain>(code).ReportPostalAsync(report);
        if (reply.Failure is { } failure)
        {
            throw ApiErrors.FromFailure(failure);
        }

        return new ReportDeliveryEventReply
        {
            Outcome = (V1.PostalOutcome)(int)reply.Outcome,
            Message = reply.Message,
            Shipment = DossierMapper.ToProto(reply.Shipment!),
            DossierState = (V1.DossierState)(int)reply.DossierState,
            DossierVersion = reply.DossierVersion,
        };
    }

    public override async Task<V1.Shipment> GetShipment(GetShipmentRequest request, ServerCallContext context)
    {
        var (code, number) = Tracking(request.TrackingNumber);
        var read = new DossierRead { Purpose = DossierReadPurpose.Shipment, Reader = Input.ActorOf(Caller.Of(context)), ObjectNumber = number };
        var reply = await grains.GetGrain<IDossierGrain>(code).ReadAsync(read);
        return reply.Failure is { } failure ? throw ApiErrors.FromFailure(failure) : DossierMapper.ToProto(reply.Shipment!);
    }

    /// <summary>
    /// The caller's own open shipments: the carrier is the caller's token subject, part of the query and of the sealed
    /// page token, so no filter or token can show another carrier's shipments.
    /// </summary>
    public override async Task<ListShipmentsResponse> ListShipments(ListShipmentsRequest request, ServerCallContext context)
    {
        var pageSize = PageTokens.PageSize(request.PageSize);
        var queue = (Contracts.Postal.ShipmentQueue)(int)Input.Defined(request.Queue, "queue");
        var carrier = Input.ActorOf(Caller.Of(context)).PersonId;
        var filter = $"shipments|{carrier}|{(int)queue}";
        var after = pageTokens.Open(context, filter, request.PageToken);
        var rows = await shipments.ListShipmentsAsync(carrier, queue, after, pageSize + 1, context.CancellationToken);
        var response = new ListShipmentsResponse();
        response.Shipments.AddRange(rows.Take(pageSize).Select(r => new ShipmentSummary
        {
            TrackingNumber = r.TrackingNumber,
            Status = (V1.ShipmentStatus)(int)r.Status,
            HandedAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(r.HandedAt),
            StatusAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(r.StatusAt),
        }));
        if (rows.Count > pageSize)
        {
            response.NextPageToken = pageTokens.Seal(context, filter, rows[pageSize - 1].ReceiptCode);
        }

        return response;
    }

    /// <summary>One line of text: a post office's name or code (the domain bounds its length).</summary>
    private static string Location(string value)
    {
        var text = Input.Text(value, "location");
        return text.AsSpan().IndexOfAny('\n', '\r', '\t') < 0
            ? text
            : throw ApiErrors.Invalid("location", "CONTROL_CHARACTER", "location is one line of text.");
    }

    /// <summary>The carrier's code as sent: A-Z a-z 0-9 . _ : / - only (the domain bounds its length).</summary>
    private static string RawCode(string value) =>
        value.Length <= Input.MaxWireText && RawCodePattern().IsMatch(value)
            ? value
            : throw ApiErrors.Invalid("raw_code", "INVALID_RAW_CODE", "raw_code may hold only A-Z a-z 0-9 . _ : / -");

    private static (string ReceiptCode, int Number) Tracking(string trackingNumber) =>
        Shipment.TryParseTrackingNumber(trackingNumber, out var code, out var number) && ReceiptCode.IsValid(code)
            ? (code, number)
            : throw ApiErrors.Invalid("tracking_number", "INVALID_TRACKING_NUMBER", "tracking_number must look like H49.22-201021-0001-P1 (as given by HandToPost).");
}
