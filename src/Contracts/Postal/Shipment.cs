using System.Collections.Immutable;

namespace DossierTracking.Contracts.Postal;

/// <summary>
/// A result sent by post. The tracking number is given by this system when the desk hands the result over:
/// <c>{receiptCode}-P{Number}</c>, so a postal report finds its dossier without a lookup table.
/// </summary>
[GenerateSerializer, Immutable, Alias("dvc.Shipment")]
public sealed record Shipment
{
    /// <summary>Never prints personal data: logs (Orleans traces messages at the most detailed levels) must not carry it.</summary>
    public override string ToString() => $"Shipment {{ TrackingNumber = {TrackingNumber}, Status = {Status}, address withheld }}";

    /// <summary>1 for the first shipment of a dossier; a result returned to sender and sent again gets the next.</summary>
    [Id(0)] public required int Number { get; init; }
    [Id(1)] public required string TrackingNumber { get; init; }
    [Id(2)] public required string Address { get; init; }
    [Id(3)] public required DateTimeOffset HandedAt { get; init; }
    [Id(4)] public required ShipmentStatus Status { get; init; }
    /// <summary>Event time of the current status (the handover time until the post reports).</summary>
    [Id(5)] public required DateTimeOffset StatusAt { get; init; }
    /// <summary>The events that moved the shipment, in the order they were applied.</summary>
    [Id(6)] public ImmutableList<ShipmentEvent> Events { get; init; } = [];
    /// <summary>
    /// The postal operator carrying it, named when the desk handed it over (or the configured default carrier). Only it
    /// reports on it and reads it. Shipments handed over before carriers were named have none until a first report.
    /// </summary>
    [Id(7)] public string Carrier { get; init; } = "";

    public bool IsClosed => Status is ShipmentStatus.Delivered or ShipmentStatus.ReturnedToSender;

    public static string TrackingNumberOf(string receiptCode, int number) => $"{receiptCode}-P{number}";

    /// <summary>Splits a tracking number into receipt code and shipment number; false when it is not one of ours.</summary>
    public static bool TryParseTrackingNumber(string trackingNumber, out string receiptCode, out int number)
    {
        var dash = trackingNumber.LastIndexOf('-');
        receiptCode = dash > 0 ? trackingNumber[..dash] : "";
        number = 0;
        return dash > 0 && dash + 2 < trackingNumber.Length && trackingNumber[dash + 1] == 'P'
            && int.TryParse(trackingNumber.AsSpan(dash + 2), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out number)
            && number > 0;
    }
}
