using System.Globalization;

namespace DossierTracking.Contracts.Payments;

/// <summary>
/// The electronic receipt (biên lai điện tử) issued when a payment request is paid. Numbers run per collecting agency
/// and series; the series symbol carries the two-digit year, so numbering restarts each 1 January.
/// </summary>
[GenerateSerializer, Immutable, Alias("dvc.EReceipt")]
public sealed record EReceipt
{
    /// <summary>Never prints personal data: logs (Orleans traces messages at the most detailed levels) must not carry it.</summary>
    public override string ToString() => $"EReceipt {{ {Display}, {CollectingAgencyCode}, payer withheld }}";

    /// <summary>Highest receipt number of a series: numbers have up to 7 digits.</summary>
    public const long MaxNumber = 9_999_999;

    /// <summary>Series symbol, e.g. <c>BL26E</c>: "BL" (biên lai), the two-digit year, "E" (electronic).</summary>
    [Id(0)] public required string Series { get; init; }
    [Id(1)] public required long Number { get; init; }
    /// <summary>Whole đồng.</summary>
    [Id(2)] public required long Amount { get; init; }
    [Id(3)] public required string Payer { get; init; }
    [Id(4)] public required string CollectingAgencyCode { get; init; }
    [Id(5)] public required DateTimeOffset IssuedAt { get; init; }
    /// <summary>The transaction that paid.</summary>
    [Id(6)] public required string TransactionId { get; init; }

    /// <summary>The receipt as printed: series and the 7-digit number, e.g. <c>BL26E-0000042</c>.</summary>
    public string Display => Format(Series, Number);

    public static string SeriesFor(int year) => string.Create(CultureInfo.InvariantCulture, $"BL{year % 100:D2}E");

    public static string Format(string series, long number) => string.Create(CultureInfo.InvariantCulture, $"{series}-{number:D7}");
}
