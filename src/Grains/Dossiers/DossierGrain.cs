using DossierTracking.Contracts.Dossiers;
using DossierTracking.Contracts.Payments;
using DossierTracking.Contracts.Postal;
using DossierTracking.Domain.Agencies;
using DossierTracking.Domain.Dossiers;
using DossierTracking.Domain.Duties;
using DossierTracking.Grains.Storage;
using DossierTracking.Grains.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Storage;

namespace DossierTracking.Grains.Dossiers;

/// <summary>
/// One dossier. Thin: asks <see cref="DossierDecider"/> for the next record, writes it, and only then makes it the
/// live state, publishes it to this silo's <see cref="LocalDossierSnapshots"/>, hands it to the silo's
/// <see cref="ICommittedChanges"/> (the read model and agencies, off this path) and answers. Not reentrant: changes to
/// one dossier are serial; lookups ([ReadOnly]) may interleave with each other.
/// The state is read on first use, not on activation: creating a dossier under a fresh receipt code is one insert.
/// </summary>
public sealed partial class DossierGrain(
    [FromKeyedServices(StorageNames.Dossiers)] IGrainStorage storage,
    DossierDecider decider,
    LocalDossierSnapshots snapshots,
    ICommittedChanges relay,
    [FromKeyedServices(DomainClock.Key)] TimeProvider clock,
    IOptions<PostalOptions> postal,
    IDossierSubmissions submissions,
    DeliveryReasonCodes reasonCodes,
    DutySchedule duties,
    DossierMetrics metrics,
    ILogger<DossierGrain> logger) : Grain, IDossierGrain, IDossierSubmissionGrain
{
    /// <summary>How long an activation for a code that has no dossier lingers (answering repeats) before it leaves memory.</summary>
    private static readonly TimeSpan EmptyActivationLifetime = TimeSpan.FromSeconds(10);

    private LazyState<DossierSlot> _slot = null!;
    private DossierLookupGuard? _guardMade;
    private IGrainTimer? _release;
    /// <summary>Completed at the next committed change; watchers wait on it.</summary>
    private TaskCompletionSource? _changed;
    /// <summary>The last record known to be stored. Watchers interleave with a change whose write is in flight, so they read this, not the slot.</summary>
    private DossierRecord? _committed;
    /// <summary>The write of the change in progress; a watcher arriving meanwhile lets it finish before reading state.</summary>
    private Task _write = Task.CompletedTask;

    private string ReceiptCode => this.GetPrimaryKeyString();

    /// <summary>The wrong-guess counter, made on the first proof to check: few dossiers ever see one.</summary>
    private DossierLookupGuard _guard => _guardMade ??= new DossierLookupGuard(storage, this.GetGrainId());

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _slot = new LazyState<DossierSlot>(storage, StorageNames.DossierState, this.GetGrainId());
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        snapshots.Withdraw(ReceiptCode);
        return Task.CompletedTask;
    }

    public async Task<DossierReply> CreateAsync(NewDossier dossier)
    {
        if (_slot.IsKnown && _slot.Value.Dossier is { } existing)
        {
            return Retry(existing, dossier);
        }

        // Receipt codes are fresh: go straight to the insert. If the row exists after all (a retry of a creation
        // whose answer was lost), the storage refuses the insert and the stored dossier answers the retry.
        var now = clock.GetUtcNow();
        var pin = LookupPin.New();
        try
        {
            var reply = await Commit(decider.Create(dossier, ReceiptCode, now, LookupPin.Hash(pin)), now);
            if (reply.Dossier is not null)
            {
                LogCreated(ReceiptCode, dossier.ProcedureCode, dossier.Channel);
                return reply with { LookupPin = pin };
            }

            return reply;
        }
        catch (InconsistentStateException) when (!_slot.IsKnown)
        {
            _slot.Reset();
            await Load();
            return _slot.Value.Dossier is { } stored ? Retry(stored, dossier) : throw new InvalidOperationException($"Dossier {ReceiptCode} neither inserted nor found.");
        }
    }

    public async Task<DossierReply> GetAsync()
    {
        await Load();
        if (_slot.Value.Dossier is { } dossier)
        {
            return Reply(dossier);
        }

        ReleaseSoon();
        return DossierReply.Fail(Failures.DossierNotFound(ReceiptCode));
    }

    public Task<DossierReply> RateAsync(ActionContext context, Satisfaction level, string comment) =>
        Change(context, (d, c) => decider.Rate(d, c, level, comment, Now()));

    public async Task<DossierReply> IssueLookupPinAsync(ActionContext context)
    {
        var pin = LookupPin.New();
        var (reply, applied) = await ChangeAsync(context, (d, c) => decider.IssueLookupPin(d, c, LookupPin.Hash(pin), Now()));
        // A retry does not hand out a PIN: the one its first execution issued was given once and is kept only hashed.
        return applied ? reply with { LookupPin = pin } : reply;
    }

    public Task<DossierReply> AcceptAsync(ActionContext context) =>
        Change(context, (d, c) => decider.Accept(d, c, Now()));

    public Task<DossierReply> RefuseIntakeAsync(ActionContext context, string reason) =>
        Change(context, (d, c) => decider.RefuseIntake(d, c, reason, Now()));

    public Task<DossierReply> RequestSupplementAsync(ActionContext context, SupplementRequest request) =>
        Change(context, (d, c) => decider.RequestSupplement(d, c, request, Now()));

    public Task<DossierReply> ReceiveSupplementAsync(ActionContext context) =>
        Change(context, (d, c) => decider.ReceiveSupplement(d, c, Now()));

    public Task<DossierReply> ExpireSupplementAsync(ActionContext context) =>
        Change(context, (d, c) => decider.ExpireSupplement(d, c, Now()));

    public Task<DossierReply> ForwardAsync(ActionContext context) =>
        Change(context, (d, c) => decider.Forward(d, c, Now()));

    public Task<DossierReply> RecordStepAsync(ActionContext context, string step) =>
        Change(context, (d, c) => decider.RecordStep(d, c, step, Now()));

    public Task<DossierReply> AssignAsync(ActionContext context, string assigneeId, string assigneeName) =>
        Change(context, (d, c) => decider.Assign(d, c, assigneeId, assigneeName, Now()));

    public Task<DossierReply> TransferAsync(ActionContext context, string coordinatingAgencyCode, int? stepLimitWorkingDays) =>
        Change(context, (d, c) => decider.Transfer(d, c, coordinatingAgencyCode, stepLimitWorkingDays, Now()));

    public Task<DossierReply> ReturnFromTransferAsync(ActionContext context) =>
        Change(context, (d, c) => decider.ReturnFromTransfer(d, c, Now()));

    public Task<DossierReply> RequestPaymentAsync(ActionContext context, IReadOnlyList<FeeLine> fees, string intermediary) =>
        Change(context, (d, c) => decider.RequestPayment(d, c, fees, Now(), intermediary));

    public Task<DossierReply> HandToPostAsync(ActionContext context, string address, string carrier) =>
        Change(context, (d, c) => decider.HandToPost(d, c, address, carrier.Length > 0 ? carrier : postal.Value.DefaultCarrier,
            postal.Value.ResultReturnedAt, Now()));

    public Task<DossierReply> StopAsync(ActionContext context, string reason) =>
        Change(context, (d, c) => decider.Stop(d, c, reason, Now()));

    public Task<DossierReply> WithdrawAsync(ActionContext context, string reason) =>
        Change(context, (d, c) => decider.Withdraw(d, c, reason, Now()));

    public Task<DossierReply> RecordResultAsync(ActionContext context, ResultKind result, string documentRef) =>
        Change(context, (d, c) => decider.RecordResult(d, c, result, documentRef, Now()));

    public Task<DossierReply> ReturnResultAsync(ActionContext context, ReturnMethod method, string documentHash = "") =>
        Change(context, (d, c) => decider.ReturnResult(d, c, method, Now(), documentHash));

    public Task<DossierReply> IssueApologyAsync(ActionContext context, DateTimeOffset promisedAt, string reason) =>
        Change(context, (d, c) => decider.IssueApology(d, c, promisedAt, reason, Now()));

    private DateTimeOffset Now() => clock.GetUtcNow();

    private DossierReply Retry(DossierRecord existing, NewDossier request) =>
        existing.RequestId == request.RequestId && existing.RequestFingerprint == DossierDecider.Fingerprint(request)
            ? Reply(existing)
            : DossierReply.Fail(Failures.RequestIdReused(request.RequestId));

    private async Task Load()
    {
        if (_slot.IsKnown)
        {
            return;
        }

        await _slot.LoadAsync();
        _committed ??= _slot.Value.Dossier;
        if (_slot.Value.Dossier is { } dossier)
        {
            snapshots.Publish(dossier);
        }
    }

    /// <summary>
    /// Decides and commits a change. A portal (or applicant) refused because the dossier is not theirs may have given
    /// the applicant's second factor: only then is it checked, and counted against the guessing limit, and the change
    /// decided again with the applicant proven. A wrong proof answers exactly as the first refusal did.
    /// </summary>
    private async Task<DossierReply> Change(ActionContext context, Func<DossierRecord?, ActionContext, Decision> decide) =>
        (await ChangeAsync(context, decide)).Reply;

    /// <returns>The answer, and whether this call applied a change (false for refusals and retries).</returns>
    private async Task<(DossierReply Reply, bool Applied)> ChangeAsync(ActionContext context, Func<DossierRecord?, ActionContext, Decision> decide)
    {
        await Load();
        var dossier = _slot.Value.Dossier;

        // A retry of a change already made (the caller's key is in the history) changes nothing.
        if (DossierDecider.Replay(dossier, context) is { } replay)
        {
            return (replay.Failure is { } reused ? DossierReply.Fail(reused) : Reply(dossier!), false);
        }

        context = context.ApplicantProven ? context with { ApplicantProven = false } : context;
        var decision = decide(dossier, context);
        if (decision.Failure is { Reason: Failures.NotYourDossierReason } notYours && dossier is not null && context.Proof is { IsEmpty: false } proof)
        {
            if (await _guard.CheckAsync(dossier, proof, Now(), notYours) is { } refused)
            {
                return (DossierReply.Fail(refused), false);
            }

            decision = decide(dossier, context with { ApplicantProven = true });
        }

        var reply = await Commit(decision, Now());
        if (reply.Failure is { } failure)
        {
            ReleaseIfMissing(failure);
        }

        return (reply, reply.Failure is null);
    }

    private void ReleaseIfMissing(Failure failure)
    {
        if (failure.Kind is FailureKind.NotFound or FailureKind.PermissionDenied && _slot.Value.Dossier is null)
        {
            ReleaseSoon();
        }
    }

    /// <summary>
    /// An activation for a code that has no dossier is not worth keeping, but deactivating at once would bounce
    /// concurrent calls for the same code between activations; it leaves a few seconds later instead.
    /// </summary>
    private void ReleaseSoon() =>
        _release ??= this.RegisterGrainTimer(() =>
        {
            DeactivateOnIdle();
            return Task.CompletedTask;
        }, EmptyActivationLifetime, Timeout.InfiniteTimeSpan);

    private DossierReply Reply(DossierRecord dossier, DateTimeOffset? now = null) =>
        DossierReply.Ok(DossierTimeliness.ToView(dossier, now ?? clock.GetUtcNow(), decider.Calendar));

    [LoggerMessage(Level = LogLevel.Debug, Message = "Dossier {ReceiptCode} created for procedure {ProcedureCode} via {Channel}")]
    private partial void LogCreated(string receiptCode, string procedureCode, Channel channel);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Dossier {ReceiptCode} moved {FromState} -> {ToState} (version {Version})")]
    private partial void LogChanged(string receiptCode, DossierState fromState, DossierState toState, long version);
}
