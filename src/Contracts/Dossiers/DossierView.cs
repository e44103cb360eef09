using DossierTracking.Contracts.Payments;
using DossierTracking.Contracts.Postal;

namespace DossierTracking.Contracts.Dossiers;

/// <summary>A dossier as callers see it, with its timeliness evaluated at <see cref="EvaluatedAt"/>.</summary>
[GenerateSerializer, Immutable, Alias("dvc.DossierView")]
public sealed record DossierView
{
    /// <summary>Never prints personal data: logs (Orleans traces messages at the most detailed levels) must not carry it.</summary>
    public override string ToString() => $"DossierView {{ ReceiptCode = {ReceiptCode}, Version = {Version}, State = {State}, personal data withheld }}";

    [Id(0)] public required string ReceiptCode { get; init; }
    [Id(1)] public required long Version { get; init; }
    [Id(2)] public required DossierState State { get; init; }
    [Id(3)] public required string ProcedureCode { get; init; }
    [Id(4)] public required Channel Channel { get; init; }
    [Id(5)] public required string ReceivingDeskCode { get; init; }
    /// <summary>The competent agency that decides.</summary>
    [Id(6)] public required string HandlingAgencyCode { get; init; }
    /// <summary>Where the dossier is now: the desk, the competent agency, or a coordinating agency.</summary>
    [Id(7)] public required string CurrentAgencyCode { get; init; }
    [Id(8)] public required Applicant Applicant { get; init; }
    [Id(9)] public DateTimeOffset? SubmittedAt { get; init; }
    [Id(10)] public DateTimeOffset? ReceivedAt { get; init; }
    /// <summary>The legal due date (moved by supplement pauses, never by an apology).</summary>
    [Id(11)] public DateTimeOffset? DueAt { get; init; }
    /// <summary>The date promised to the citizen by an apology notice, when one was issued.</summary>
    [Id(12)] public DateTimeOffset? PromisedAt { get; init; }
    /// <summary>When processing finished (result ready, or withdrawal).</summary>
    [Id(13)] public DateTimeOffset? FinishedAt { get; init; }
    [Id(14)] public DateTimeOffset? ReturnedAt { get; init; }
    [Id(15)] public required Timeliness Timeliness { get; init; }
    [Id(16)] public required DateTimeOffset EvaluatedAt { get; init; }
    [Id(17)] public SupplementRequest? Supplement { get; init; }
    [Id(18)] public IReadOnlyList<FeeLine> Fees { get; init; } = [];
    [Id(19)] public ResultKind Result { get; init; }
    [Id(20)] public string ResultDocumentRef { get; init; } = "";
    [Id(21)] public ReturnMethod ReturnMethod { get; init; }
    [Id(22)] public string CurrentStep { get; init; } = "";
    [Id(23)] public required IReadOnlyList<PauseInterval> Pauses { get; init; }
    [Id(24)] public required IReadOnlyList<HistoryEntry> History { get; init; }
    /// <summary>True when the dossier will be late within a working day and no apology was issued yet.</summary>
    [Id(25)] public bool ApologyDue { get; init; }
    /// <summary>Why the dossier was refused at intake, stopped or withdrawn.</summary>
    [Id(26)] public string ClosingReason { get; init; } = "";
    [Id(27)] public SatisfactionRating? Rating { get; init; }
    [Id(28)] public ReturnMethod Delivery { get; init; }
    [Id(29)] public string DeliveryAddress { get; init; } = "";
    [Id(30)] public string ResultDocumentHash { get; init; } = "";
    [Id(31)] public IReadOnlyList<PaymentRequest> Payments { get; init; } = [];
    [Id(32)] public IReadOnlyList<Shipment> Shipments { get; init; } = [];
    [Id(33)] public string AssigneeId { get; init; } = "";
    [Id(34)] public string AssigneeName { get; init; } = "";
}
