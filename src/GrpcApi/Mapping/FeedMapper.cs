using DossierTracking.GrpcApi.V1;
using Google.Protobuf.WellKnownTypes;

namespace DossierTracking.GrpcApi.Mapping;

/// <summary>A committed change on the wire: the change feed's pages and the webhooks' event data carry the same message.</summary>
public static class FeedMapper
{
    public static FeedChange ToProto(Contracts.Feed.FeedChange change) => new()
    {
        Position = change.Position,
        ReceiptCode = change.ReceiptCode,
        Version = change.Version,
        CommittedAt = Timestamp.FromDateTimeOffset(change.CommittedAt),
        Entry = change.Entry is { } entry ? DossierMapper.ToProto(entry) : null,
        ProcedureCode = change.ProcedureCode,
        ReceivingDeskCode = change.ReceivingDeskCode,
        HandlingAgencyCode = change.HandlingAgencyCode,
        Imported = change.Imported,
    };
}
