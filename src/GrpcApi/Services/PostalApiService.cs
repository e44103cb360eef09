using DossierTracking.Contracts.Dossiers;
using DossierTracking.Contracts.Postal;
using DossierTracking.GrpcApi.Errors;
using DossierTracking.GrpcApi.Mapping;
using DossierTracking.GrpcApi.Security;
using DossierTracking.GrpcApi.V1;
using DossierTracking.GrpcApi.Validation;
using Grpc.Core;
using Shipment = DossierTracking.Contracts.Postal.Shipment;
using ShipmentStatus = DossierTracking.Contracts.Postal.ShipmentStatus;

namespace DossierTracking.GrpcApi.Services;

/// <summary>
/// Delivery events from the postal service. The tracking number names the dossier, so a report is one call to that
/// dossier's grain, which keeps the shipment with the dossier and persists before it answers.
/// </summary>
public sealed class PostalApiService(IGrainFactory grains) : PostalService.PostalServiceBase
{
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

    private static (string ReceiptCode, int Number) Tracking(string trackingNumber) =>
        Shipment.TryParseTrackingNumber(trackingNumber, out var code, out var number) && ReceiptCode.IsValid(code)
            ? (code, number)
            : throw ApiErrors.Invalid("tracking_number", "INVALID_TRACKING_NUMBER", "tracking_number must look like H49.22-201021-0001-P1 (as given by HandToPost).");
}
