using System.Collections.Immutable;
using DossierTracking.Contracts.Documents;
using DossierTracking.Contracts.Payments;
using DossierTracking.Contracts.Postal;

namespace DossierTracking.Contracts.Dossiers;

/// <summary>The answer to a <see cref="DossierRead"/>: the dossier and how much of it the reader may see, or the refusal.</summary>
[GenerateSerializer, Immutable, Alias("dvc.ReadReply")]
public sealed record ReadReply
{
    [Id(0)] public DossierView? Dossier { get; init; }
    [Id(1)] public Failure? Failure { get; init; }
    [Id(2)] public Disclosure Disclosure { get; init; }
    /// <summary>Why the reader sees it in full (holding-unit, submitting-portal, lookup-pin, id-number, ...), for the audit.</summary>
    [Id(3)] public string Basis { get; init; } = "";
    /// <summary>For <see cref="DossierReadPurpose.PaymentRequest"/>: the request, with the reader's own transactions only (no dossier).</summary>
    [Id(4)] public PaymentRequest? Payment { get; init; }
    /// <summary>For <see cref="DossierReadPurpose.Shipment"/>: the shipment (no dossier).</summary>
    [Id(5)] public Shipment? Shipment { get; init; }
    /// <summary>For <see cref="DossierReadPurpose.Document"/>: the dossier's papers, oldest first (no dossier).</summary>
    [Id(6)] public ImmutableList<DocumentReference> Documents { get; init; } = [];

    public static ReadReply Fail(Failure failure) => new() { Failure = failure };
}
