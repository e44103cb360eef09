using System.Globalization;

namespace DossierTracking.Contracts.Dossiers;

/// <summary>
/// Keys of the string-keyed grains. The ADO.NET storage provider reads a key made only of hexadecimal digits as an
/// integer (so "20235" and "020235" would share a row), and the part before a '+' likewise: every key built here
/// therefore starts with a prefix that is not hexadecimal. Dossier grains are keyed by their receipt code, whose
/// '-' separators rule out the same trap.
/// </summary>
public static class GrainKeys
{
    public const string SubmissionPrefix = "req/";
    public const string ReceiptSequencePrefix = "seq/";
    public const string EReceiptSeriesPrefix = "erc/";
    public const string ShipmentPrefix = "post/";
    public const string ImportPrefix = "imp/";

    /// <summary>
    /// The row of a client's request id. Request ids are the caller's own: the same id from another caller is another
    /// request, so no caller can squat on or probe another's ids.
    /// </summary>
    public static string Submission(Actor caller, string requestId) => SubmissionPrefix + RequestKey(caller, requestId);

    /// <summary>A client's request id made the caller's own: <c>{party}/{person}/{request id}</c>.</summary>
    public static string RequestKey(Actor caller, string requestId) => $"{(int)caller.Party}/{caller.PersonId}/{requestId}";

    public static string ReceiptSequence(string unitCode, DateOnly localDate) =>
        string.Create(CultureInfo.InvariantCulture, $"{ReceiptSequencePrefix}{unitCode}/{localDate:yyMMdd}");

    public static string EReceiptSeries(string agencyCode, string series) => $"{EReceiptSeriesPrefix}{agencyCode}/{series}";

    public static string Shipment(string trackingNumber) => ShipmentPrefix + trackingNumber;

    /// <summary>The row of an imported dossier's source id: <c>imp/{source}/{source id}</c>, holding the receipt code it was imported under.</summary>
    public static string ImportedSource(string source, string sourceId) => $"{ImportPrefix}{source}/{sourceId}";
}
