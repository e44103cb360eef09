using System.Collections.Immutable;
using DossierTracking.Contracts.Dossiers;

namespace DossierTracking.Contracts.Payments;

/// <summary>
/// One request for fees on a dossier. Its public id is <c>{receiptCode}/{Number}</c>: the intermediary quotes it
/// with every transaction it reports.
/// </summary>
[GenerateSerializer, Immutable, Alias("dvc.PaymentRequest")]
public sealed record PaymentRequest
{
    /// <summary>1, 2, … within the dossier.</summary>
    [Id(0)] public required int Number { get; init; }
    [Id(1)] public required ImmutableList<FeeLine> Fees { get; init; }
    /// <summary>The sum of the fee lines, whole đồng: the amount a transaction must carry.</summary>
    [Id(2)] public required long Total { get; init; }
    [Id(3)] public required PaymentStatus Status { get; init; }
    [Id(4)] public required DateTimeOffset RequestedAt { get; init; }
    /// <summary>The agency that asked for the fees and collects them.</summary>
    [Id(5)] public required string CollectingAgencyCode { get; init; }
    [Id(6)] public ImmutableList<PaymentTransaction> Transactions { get; init; } = [];
    [Id(7)] public DateTimeOffset? PaidAt { get; init; }
    [Id(8)] public EReceipt? Receipt { get; init; }
    /// <summary>When it was cancelled or refunded.</summary>
    [Id(9)] public DateTimeOffset? ClosedAt { get; init; }
    /// <summary>
    /// The intermediary the request is bound to: the one the agency named when it asked for the fees, or else the
    /// first to report a transaction on it. Only it reports on and reads the request. Empty: not bound yet.
    /// </summary>
    [Id(10)] public string Intermediary { get; init; } = "";
    /// <summary>The agency named the intermediary: the binding never lapses (a binding by a first report lapses when all its attempts failed).</summary>
    [Id(11)] public bool IntermediaryChosen { get; init; }

    public static string IdOf(string receiptCode, int number) => $"{receiptCode}/{number}";

    /// <summary>Splits a payment request id into the receipt code and the request number; false when it is not one.</summary>
    public static bool TryParseId(string id, out string receiptCode, out int number)
    {
        var slash = id.LastIndexOf('/');
        receiptCode = slash > 0 ? id[..slash] : "";
        number = 0;
        return slash > 0 && int.TryParse(id.AsSpan(slash + 1), System.Globalization.NumberStyles.None,
            System.Globalization.CultureInfo.InvariantCulture, out number) && number > 0;
    }

    public bool IsOpen => Status is PaymentStatus.Unpaid or PaymentStatus.Pending;
}
