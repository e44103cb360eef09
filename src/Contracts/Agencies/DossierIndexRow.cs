using DossierTracking.Contracts.Dossiers;

namespace DossierTracking.Contracts.Agencies;

/// <summary>
/// What the read model and the agency grains know about one dossier at one version: enough to count it, queue it,
/// list it and find it, nothing of its history. Rows are applied by version: a row never replaces a newer one, so a
/// change delivered twice or late cannot skew a count.
/// </summary>
[GenerateSerializer, Immutable, Alias("dvc.DossierIndexRow")]
public sealed record DossierIndexRow
{
    /// <summary>Never prints personal data: logs (Orleans traces messages at the most detailed levels) must not carry it.</summary>
    public override string ToString() => $"DossierIndexRow {{ ReceiptCode = {ReceiptCode}, Version = {Version}, State = {State}, personal data withheld }}";

    [Id(0)] public required string ReceiptCode { get; init; }
    [Id(1)] public required long Version { get; init; }
    [Id(2)] public required DossierState State { get; init; }
    [Id(3)] public required Channel Channel { get; init; }
    [Id(4)] public required string ProcedureCode { get; init; }
    [Id(5)] public required string ReceivingDeskCode { get; init; }
    [Id(6)] public required string HandlingAgencyCode { get; init; }
    [Id(7)] public required string CurrentAgencyCode { get; init; }
    /// <summary>Personal data: shown to officers in lists, never logged.</summary>
    [Id(8)] public required string ApplicantName { get; init; }
    [Id(9)] public required string ApplicantIdNumber { get; init; }
    [Id(10)] public required string ApplicantPhone { get; init; }
    [Id(11)] public DateTimeOffset? SubmittedAt { get; init; }
    [Id(12)] public DateTimeOffset? ReceivedAt { get; init; }
    /// <summary>The legal due date (the KPIs judge against it; an apology does not move it).</summary>
    [Id(13)] public DateTimeOffset? DueAt { get; init; }
    /// <summary>Start of the current pause; a paused dossier is judged at this moment.</summary>
    [Id(14)] public DateTimeOffset? PausedAt { get; init; }
    [Id(15)] public DateTimeOffset? FinishedAt { get; init; }
    /// <summary>From this moment an apology is due (one working day before the due date), unless one was issued.</summary>
    [Id(16)] public DateTimeOffset? ApologyFrom { get; init; }
    /// <summary>Early, OnTime or Late once finished; NotApplicable while open (judged at the moment of asking).</summary>
    [Id(17)] public Timeliness Outcome { get; init; }
    /// <summary>Time from intake to the end of processing, without pauses; zero while open.</summary>
    [Id(18)] public TimeSpan ProcessingTime { get; init; }
    [Id(19)] public required DateTimeOffset UpdatedAt { get; init; }
    /// <summary>The applicant's rating, once given.</summary>
    [Id(20)] public Satisfaction Rating { get; init; }
    /// <summary>Whether fees were asked for, and paid online.</summary>
    [Id(21)] public PaymentMark Payment { get; init; }
    /// <summary>The dossier's latest shipment by post, for the carriers' lists; null when none (and in the agencies' copies).</summary>
    [Id(22)] public IndexedShipment? Shipment { get; init; }
    /// <summary>
    /// How far the dossier's version runs ahead of its stored row's count of writes: an imported dossier arrives whole in
    /// one write at its history's last version (0 for dossiers made here). The crash repair compares the two with it.
    /// </summary>
    [Id(23)] public long VersionOffset { get; init; }
    /// <summary>The officer the dossier is assigned to at its current agency; empty when nobody.</summary>
    [Id(24)] public string AssigneeId { get; init; } = "";
    /// <summary>
    /// The due index: from when the dossier owes a scheduled duty (a supplement deadline, a due-date warning, a reminder
    /// or flag for the desk), which the silos' sweep looks for; null when it owes none. Written beside the row (its own
    /// table), and left null in rows read back from the read model.
    /// </summary>
    [Id(25)] public DateTimeOffset? DutyAt { get; init; }

    /// <summary>The sort key of lists and queues: the due date, or for dossiers not yet received the end of time.</summary>
    public DateTimeOffset SortDue => DueAt ?? DateTimeOffset.MaxValue;

    /// <summary>The row without the applicant's personal data, for holders that only count and queue.</summary>
    public DossierIndexRow WithoutApplicant() =>
        ApplicantName.Length + ApplicantIdNumber.Length + ApplicantPhone.Length == 0 ? this : this with { ApplicantName = "", ApplicantIdNumber = "", ApplicantPhone = "" };

    /// <summary>What holders that only count and queue (the agencies) keep: no personal data, no shipment.</summary>
    public DossierIndexRow ForCounting() => Shipment is null ? WithoutApplicant() : WithoutApplicant() with { Shipment = null };

    /// <summary>Finished ones keep their outcome; open ones are WithinDeadline or Overdue at <paramref name="now"/> (a paused one at its pause start).</summary>
    public Timeliness TimelinessAt(DateTimeOffset now)
    {
        if (Outcome != Timeliness.NotApplicable)
        {
            return Outcome;
        }

        if (State is DossierState.Received or DossierState.InProcessing or DossierState.AwaitingSupplement or DossierState.AwaitingPayment
            && DueAt is { } due)
        {
            return (PausedAt ?? now) <= due ? Timeliness.WithinDeadline : Timeliness.Overdue;
        }

        return Timeliness.NotApplicable;
    }

    /// <summary>The clock runs, no apology was issued, and the due date is at most one working day away (or past).</summary>
    public bool ApologyDueAt(DateTimeOffset now) =>
        State is DossierState.Received or DossierState.InProcessing && ApologyFrom is { } from && now >= from;
}
