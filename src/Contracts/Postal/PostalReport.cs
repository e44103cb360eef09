namespace DossierTracking.Contracts.Postal;

/// <summary>A delivery event reported by the postal operator for one shipment of the dossier.</summary>
[GenerateSerializer, Immutable, Alias("dvc.PostalReport")]
public sealed record PostalReport
{
    [Id(0)] public required int ShipmentNumber { get; init; }
    [Id(1)] public required string EventId { get; init; }
    [Id(2)] public required ShipmentStatus Status { get; init; }
    [Id(3)] public required DateTimeOffset OccurredAt { get; init; }
    [Id(4)] public string Note { get; init; } = "";
    /// <summary>The postal operator's code (the actor of the change).</summary>
    [Id(5)] public required string Operator { get; init; }
    /// <summary>Where it happened: a post office's name or code, as the post gives it.</summary>
    [Id(6)] public string Location { get; init; } = "";
    /// <summary>Why a delivery failed or the item went back, when the post says it in this system's words.</summary>
    [Id(7)] public DeliveryReason Reason { get; init; }
    /// <summary>The post's own code of the event or reason, as sent; the domain maps it when <see cref="Reason"/> is not given.</summary>
    [Id(8)] public string RawCode { get; init; } = "";
}
