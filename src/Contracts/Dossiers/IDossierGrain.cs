using DossierTracking.Contracts.Payments;
using DossierTracking.Contracts.Postal;
using Orleans.Concurrency;

namespace DossierTracking.Contracts.Dossiers;

/// <summary>
/// One dossier, keyed by its receipt code. Holds the whole state and history in memory; every change is
/// persisted before the call returns. Refusals come back as <see cref="DossierReply.Failure"/> and change nothing.
/// </summary>
[Alias("dvc.IDossierGrain")]
public interface IDossierGrain : IGrainWithStringKey
{
    /// <summary>Creates the dossier under this receipt code; a repeat with the same request id returns it unchanged.</summary>
    [Alias("Create")] Task<DossierReply> CreateAsync(NewDossier dossier);

    /// <summary>
    /// Creates the dossier under this receipt code from another system's export, with its own times, state and history
    /// (<c>docs/import.md</c>); the same line again answers <see cref="Import.ImportOutcome.AlreadyImported"/>. The
    /// activation leaves memory afterwards: an imported dossier is seldom read.
    /// </summary>
    [Alias("Import")] Task<Import.ImportResult> ImportAsync(string source, Import.ImportedDossier dossier);

    /// <summary>The dossier with its timeliness now. Never touches the database while the grain is active.</summary>
    [ReadOnly, Alias("Get")] Task<DossierReply> GetAsync();

    /// <summary>
    /// A read by a known caller: how much of the dossier it may see (the domain's access table), or the refusal. For
    /// reads without a second factor; may interleave with other reads.
    /// </summary>
    [ReadOnly, Alias("Read")] Task<ReadReply> ReadAsync(DossierRead read);

    /// <summary>
    /// A read with the applicant's second factor: checked only when it widens what the reader may see, and every wrong
    /// guess counted (stored) against the dossier's guessing limit before the answer.
    /// </summary>
    [Alias("ReadWithProof")] Task<ReadReply> ReadWithProofAsync(DossierRead read);

    /// <summary>
    /// The history entries after <paramref name="afterVersion"/>; when there are none yet, waits up to
    /// <paramref name="maxWait"/> for the next committed change. Interleaves with everything (a watcher never holds
    /// up a change).
    /// </summary>
    [AlwaysInterleave, Alias("WaitForChanges")] Task<DossierChanges> WaitForChangesAsync(long afterVersion, TimeSpan maxWait);

    [Alias("Accept")] Task<DossierReply> AcceptAsync(ActionContext context);
    [Alias("Rate")] Task<DossierReply> RateAsync(ActionContext context, Satisfaction level, string comment);
    /// <summary>A new lookup PIN (in <see cref="DossierReply.LookupPin"/>, this once); the old one stops working.</summary>
    [Alias("IssueLookupPin")] Task<DossierReply> IssueLookupPinAsync(ActionContext context);
    [Alias("RefuseIntake")] Task<DossierReply> RefuseIntakeAsync(ActionContext context, string reason);
    [Alias("RequestSupplement")] Task<DossierReply> RequestSupplementAsync(ActionContext context, SupplementRequest request);
    [Alias("ReceiveSupplement")] Task<DossierReply> ReceiveSupplementAsync(ActionContext context);
    [Alias("ExpireSupplement")] Task<DossierReply> ExpireSupplementAsync(ActionContext context);
    [Alias("Forward")] Task<DossierReply> ForwardAsync(ActionContext context);
    [Alias("RecordStep")] Task<DossierReply> RecordStepAsync(ActionContext context, string step);

    /// <summary>Assigns the dossier in processing to an officer of its current agency (or to somebody else).</summary>
    [Alias("Assign")] Task<DossierReply> AssignAsync(ActionContext context, string assigneeId, string assigneeName);
    [Alias("Transfer")] Task<DossierReply> TransferAsync(ActionContext context, string coordinatingAgencyCode, int? stepLimitWorkingDays);
    [Alias("ReturnFromTransfer")] Task<DossierReply> ReturnFromTransferAsync(ActionContext context);
    /// <param name="intermediary">The intermediary the applicant chose, if the agency names one (else the first to report takes the request).</param>
    [Alias("RequestPayment")] Task<DossierReply> RequestPaymentAsync(ActionContext context, IReadOnlyList<FeeLine> fees, string intermediary);
    /// <summary>A payment intermediary's transaction report; a success issues the e-receipt and resumes processing.</summary>
    [Alias("ReportPayment")] Task<PaymentReply> ReportPaymentAsync(PaymentReport report);
    /// <summary>9: the desk hands the result to the post; <paramref name="address"/> empty keeps the applicant's, <paramref name="carrier"/> empty means the default carrier.</summary>
    [Alias("HandToPost")] Task<DossierReply> HandToPostAsync(ActionContext context, string address, string carrier);
    /// <summary>A delivery event from the postal service for one of the dossier's shipments.</summary>
    [Alias("ReportPostal")] Task<PostalReply> ReportPostalAsync(PostalReport report);
    [Alias("Stop")] Task<DossierReply> StopAsync(ActionContext context, string reason);
    [Alias("Withdraw")] Task<DossierReply> WithdrawAsync(ActionContext context, string reason);
    [Alias("RecordResult")] Task<DossierReply> RecordResultAsync(ActionContext context, ResultKind result, string documentRef);
    /// <param name="documentHash">For a result returned online: SHA-256 of the result document (64 hex digits).</param>
    [Alias("ReturnResult")] Task<DossierReply> ReturnResultAsync(ActionContext context, ReturnMethod method, string documentHash = "");
    [Alias("IssueApology")] Task<DossierReply> IssueApologyAsync(ActionContext context, DateTimeOffset promisedAt, string reason);

    /// <summary>
    /// Does, as the system, every scheduled duty the dossier owes now (README "Scheduled duties"), one committed version
    /// each, and answers from when it owes the next. Called by the duty sweep, never through the API; a duty done is
    /// never owed again, so a second call changes nothing.
    /// </summary>
    [Alias("RunDuties")] Task<Duties.DutyRun> RunDutiesAsync();
}
