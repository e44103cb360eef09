using Google.Protobuf.WellKnownTypes;

namespace DossierTracking.GrpcApi.Mapping;

/// <summary>Moments on the wire: an absent moment is an absent field.</summary>
public static class Timestamps
{
    public static Timestamp? Of(DateTimeOffset? moment) => moment is { } m ? Timestamp.FromDateTimeOffset(m) : null;
}
