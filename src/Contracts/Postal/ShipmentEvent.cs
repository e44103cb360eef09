namespace DossierTracking.Contracts.Postal;

/// <summary>A report from the postal service that moved a shipment.</summary>
[GenerateSerializer, Immutable, Alias("dvc.ShipmentEvent")]
public sealed record ShipmentEvent
{
    /// <summary>The post's own id of the event: a repeat of it changes nothing.</summary>
    [Id(0)] public required string EventId { get; init; }
    [Id(1)] public required ShipmentStatus Status { get; init; }
    /// <summary>When it happened at the post.</summary>
    [Id(2)] public required DateTimeOffset OccurredAt { get; init; }
    [Id(3)] public string Note { get; init; } = "";
    [Id(4)] public required DateTimeOffset RecordedAt { get; init; }
    /// <summary>Where it happened (a post office's name or code), as the post gave it.</summary>
    [Id(5)] public string Location { get; init; } = "";
    /// <summary>Why a delivery failed or the item went back: as reported, or mapped from <see cref="RawCode"/>.</summary>
    [Id(6)] public DeliveryReason Reason { get; init; }
    /// <summary>The post's own code, kept as sent (also when it maps to <see cref="DeliveryReason.Other"/>).</summary>
    [Id(7)] public string RawCode { get; init; } = "";
}
