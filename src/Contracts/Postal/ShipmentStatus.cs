namespace DossierTracking.Contracts.Postal;

/// <summary>Where a result sent by post is (docs/domain.md "Postal delivery of results").</summary>
[GenerateSerializer, Alias("dvc.ShipmentStatus")]
public enum ShipmentStatus
{
    Unspecified = 0,
    /// <summary>The desk handed the result to the post; no report from the post yet.</summary>
    HandedOver = 1,
    /// <summary>The post picked it up.</summary>
    Accepted = 2,
    InTransit = 3,
    /// <summary>A delivery attempt failed; the post invites the recipient again.</summary>
    DeliveryFailed = 4,
    Delivered = 5,
    ReturnedToSender = 6,
}
