namespace DossierTracking.Contracts.Postal;

/// <summary>Which of a carrier's open shipments a list holds.</summary>
public enum ShipmentQueue
{
    /// <summary>Both queues.</summary>
    Both = 0,
    /// <summary>Handed over by the desk, no report from the post yet (<see cref="ShipmentStatus.HandedOver"/>).</summary>
    AwaitingPickup = 1,
    /// <summary>
    /// With the post and not closed: <see cref="ShipmentStatus.Accepted"/>, <see cref="ShipmentStatus.InTransit"/> or
    /// <see cref="ShipmentStatus.DeliveryFailed"/> (the post tries again or returns it).
    /// </summary>
    InTransit = 2,
}
