using System.Collections.Immutable;
using DossierTracking.Contracts.Catalog;
using DossierTracking.Contracts.Documents;
using DossierTracking.Contracts.Dossiers;
using DossierTracking.Contracts.Payments;
using DossierTracking.Contracts.Postal;

namespace DossierTracking.Domain.Dossiers;

/// <summary>
/// The whole persisted state of one dossier. Immutable: a change builds the next record, which replaces this one
/// only after it is written, so a failed write leaves the live state untouched.
/// </summary>
[GenerateSerializer, Immutable, Alias("dvc.DossierRecord")]
public sealed record DossierRecord
{
    /// <summary>Never prints personal data: logs (Orleans traces messages at the most detailed levels) must not carry it.</summary>
    public override string ToString() => $"DossierRecord {{ ReceiptCode = {ReceiptCode}, Version = {Version}, State = {State}, personal data withheld }}";

    [Id(0)] public required string ReceiptCode { get; init; }
    [Id(1)] public required string RequestId { get; init; }
    /// <summary>A hash of the creating request, to tell a retry from a different request reusing the id.</summary>
    [Id(2)] public required string RequestFingerprint { get; init; }
    [Id(3)] public required long Version { get; init; }
    [Id(4)] public required DossierState State { get; init; }
    [Id(5)] public required string ProcedureCode { get; init; }
    [Id(6)] public required Channel Channel { get; init; }
    [Id(7)] public required string ReceivingDeskCode { get; init; }
    [Id(8)] public required string HandlingAgencyCode { get; init; }
    [Id(9)] public required string CurrentAgencyCode { get; init; }
    [Id(10)] public required Applicant Applicant { get; init; }
    /// <summary>The limit that applies to this dossier, fixed when it was created.</summary>
    [Id(11)] public required TimeLimit Limit { get; init; }
    [Id(12)] public required SupplementPolicy SupplementPolicy { get; init; }
    [Id(13)] public DateTimeOffset? SubmittedAt { get; init; }
    [Id(14)] public DateTimeOffset? ReceivedAt { get; init; }
    [Id(15)] public DateTimeOffset? DueAt { get; init; }
    [Id(16)] public DateTimeOffset? PromisedAt { get; init; }
    [Id(17)] public DateTimeOffset? FinishedAt { get; init; }
    [Id(18)] public DateTimeOffset? ReturnedAt { get; init; }
    /// <summary>Start of the current pause (supplement or payment), if paused.</summary>
    [Id(19)] public DateTimeOffset? PausedAt { get; init; }
    /// <summary>The state to go back to when the supplement is accepted.</summary>
    [Id(20)] public DossierState? ResumeState { get; init; }
    [Id(21)] public SupplementRequest? Supplement { get; init; }
    [Id(22)] public ImmutableList<FeeLine> Fees { get; init; } = [];
    [Id(23)] public ResultKind Result { get; init; }
    [Id(24)] public string ResultDocumentRef { get; init; } = "";
    [Id(25)] public ReturnMethod ReturnMethod { get; init; }
    [Id(26)] public string CurrentStep { get; init; } = "";
    /// <summary>Why the dossier was refused at intake, stopped or withdrawn.</summary>
    [Id(27)] public string ClosingReason { get; init; } = "";
    [Id(28)] public string PaymentRef { get; init; } = "";
    [Id(29)] public ImmutableList<PauseInterval> Pauses { get; init; } = [];
    [Id(30)] public ImmutableList<HistoryEntry> History { get; init; } = [];
    [Id(31)] public SatisfactionRating? Rating { get; init; }
    /// <summary>How the applicant asked to receive the result (chosen at submission).</summary>
    [Id(32)] public ReturnMethod Delivery { get; init; }
    [Id(33)] public string DeliveryAddress { get; init; } = "";
    /// <summary>SHA-256 of the result document returned online (lower-case hex).</summary>
    [Id(34)] public string ResultDocumentHash { get; init; } = "";
    /// <summary>Every payment request, oldest first; at most the last one is open.</summary>
    [Id(35)] public ImmutableList<PaymentRequest> Payments { get; init; } = [];
    /// <summary>Every shipment of the result by post, oldest first; at most the last one is open.</summary>
    [Id(36)] public ImmutableList<Shipment> Shipments { get; init; } = [];
    /// <summary>The salted hash of the applicant's lookup PIN (<see cref="LookupPin"/>); empty for dossiers created before PINs.</summary>
    [Id(37)] public string LookupPinHash { get; init; } = "";
    /// <summary>References to the dossier's papers (the bytes are in the document store), oldest first.</summary>
    [Id(38)] public ImmutableList<DocumentReference> Documents { get; init; } = [];
    /// <summary>When the dossier was imported from another system (docs/import.md); null for dossiers made here.</summary>
    [Id(39)] public DateTimeOffset? ImportedAt { get; init; }
    /// <summary>The versions up to this one came by import (its history as the old system kept it); 0 for dossiers made here.</summary>
    [Id(40)] public long ImportedVersion { get; init; }
    /// <summary>The officer of the current agency the dossier is assigned to (their token's subject); empty when nobody.</summary>
    [Id(41)] public string AssigneeId { get; init; } = "";
    [Id(42)] public string AssigneeName { get; init; } = "";

    /// <summary>The portal that submitted the dossier online (its token's subject); empty for dossiers received at a desk.</summary>
    public string SubmittingPortal => History.Count > 0 && History[0].Actor.Party == Party.Portal ? History[0].Actor.PersonId : "";
}
