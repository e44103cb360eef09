using DossierTracking.Contracts.Dossiers;
using DossierTracking.Grains.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DossierTracking.Grains.Dossiers;

/// <summary>The persisted slot of a dossier grain: empty until the dossier is created.</summary>
[GenerateSerializer, Alias("dvc.DossierSlot")]
public sealed class DossierSlot
{
    [Id(0)] public DossierRecord? Dossier { get; set; }
}

/// <summary>
/// One dossier. Thin: asks <see cref="DossierDecider"/> for the next record, writes it, and only then makes it the
/// live state and answers. Lookups are served from memory. Not reentrant: changes to one dossier are serial.
/// </summary>
public sealed partial class DossierGrain(
    [PersistentState(StorageNames.DossierState, StorageNames.Dossiers)] IPersistentState<DossierSlot> slot,
    DossierDecider decider,
    [FromKeyedServices(DomainClock.Key)] TimeProvider clock,
    ILogger<DossierGrain> logger) : Grain, IDossierGrain
{
    /// <summary>How long an activation for a code that has no dossier lingers (answering repeats) before it leaves memory.</summary>
    private static readonly TimeSpan EmptyActivationLifetime = TimeSpan.FromSeconds(10);

    private IGrainTimer? _release;

    private string ReceiptCode => this.GetPrimaryKeyString();

    public async Task<DossierReply> CreateAsync(NewDossier dossier)
    {
        if (slot.State.Dossier is { } existing)
        {
            // A retry of the creating request is answered with the dossier as it stands.
            return existing.RequestId == dossier.RequestId && existing.RequestFingerprint == DossierDecider.Fingerprint(dossier)
                ? Reply(existing)
                : DossierReply.Fail(Failures.RequestIdReused(dossier.RequestId));
        }

        var now = clock.GetUtcNow();
        var reply = await Commit(decider.Create(dossier, ReceiptCode, now), now);
        if (reply.Dossier is not null)
        {
            LogCreated(ReceiptCode, dossier.ProcedureCode, dossier.Channel);
        }

        return reply;
    }

    public Task<DossierReply> GetAsync()
    {
        if (slot.State.Dossier is { } dossier)
        {
            return Task.FromResult(Reply(dossier));
        }

        ReleaseSoon();
        return Task.FromResult(DossierReply.Fail(Failures.DossierNotFound(ReceiptCode)));
    }

    public Task<DossierReply> AcceptAsync(ActionContext context) =>
        Change(now => decider.Accept(slot.State.Dossier, context, now));

    public Task<DossierReply> RefuseIntakeAsync(ActionContext context, string reason) =>
        Change(now => decider.RefuseIntake(slot.State.Dossier, context, reason, now));

    public Task<DossierReply> RequestSupplementAsync(ActionContext context, SupplementRequest request) =>
        Change(now => decider.RequestSupplement(slot.State.Dossier, context, request, now));

    public Task<DossierReply> ReceiveSupplementAsync(ActionContext context) =>
        Change(now => decider.ReceiveSupplement(slot.State.Dossier, context, now));

    public Task<DossierReply> ExpireSupplementAsync(ActionContext context) =>
        Change(now => decider.ExpireSupplement(slot.State.Dossier, context, now));

    public Task<DossierReply> ForwardAsync(ActionContext context) =>
        Change(now => decider.Forward(slot.State.Dossier, context, now));

    public Task<DossierReply> RecordStepAsync(ActionContext context, string step) =>
        Change(now => decider.RecordStep(slot.State.Dossier, context, step, now));

    public Task<DossierReply> TransferAsync(ActionContext context, string coordinatingAgencyCode, int? stepLimitWorkingDays) =>
        Change(now => decider.Transfer(slot.State.Dossier, context, coordinatingAgencyCode, stepLimitWorkingDays, now));

    public Task<DossierReply> ReturnFromTransferAsync(ActionContext context) =>
        Change(now => decider.ReturnFromTransfer(slot.State.Dossier, context, now));

    public Task<DossierReply> RequestPaymentAsync(ActionContext context, IReadOnlyList<FeeLine> fees) =>
        Change(now => decider.RequestPayment(slot.State.Dossier, context, fees, now));

    public Task<DossierReply> ConfirmPaymentAsync(ActionContext context, string transactionRef) =>
        Change(now => decider.ConfirmPayment(slot.State.Dossier, context, transactionRef, now));

    public Task<DossierReply> StopAsync(ActionContext context, string reason) =>
        Change(now => decider.Stop(slot.State.Dossier, context, reason, now));

    public Task<DossierReply> WithdrawAsync(ActionContext context, string reason) =>
        Change(now => decider.Withdraw(slot.State.Dossier, context, reason, now));

    public Task<DossierReply> RecordResultAsync(ActionContext context, ResultKind result, string documentRef) =>
        Change(now => decider.RecordResult(slot.State.Dossier, context, result, documentRef, now));

    public Task<DossierReply> ReturnResultAsync(ActionContext context, ReturnMethod method) =>
        Change(now => decider.ReturnResult(slot.State.Dossier, context, method, now));

    public Task<DossierReply> IssueApologyAsync(ActionContext context, DateTimeOffset promisedAt, string reason) =>
        Change(now => decider.IssueApology(slot.State.Dossier, context, promisedAt, reason, now));

    private async Task<DossierReply> Change(Func<DateTimeOffset, Decision> decide)
    {
        var now = clock.GetUtcNow();
        var reply = await Commit(decide(now), now);
        if (reply.Failure is { Kind: FailureKind.NotFound })
        {
            ReleaseSoon();
        }

        return reply;
    }

    /// <summary>Writes the decided record; the live state changes only once the write succeeded.</summary>
    private async Task<DossierReply> Commit(Decision decision, DateTimeOffset now)
    {
        if (decision.Failure is { } failure)
        {
            return DossierReply.Fail(failure);
        }

        var previous = slot.State.Dossier;
        var next = decision.Next!;
        slot.State.Dossier = next;
        try
        {
            await slot.WriteStateAsync();
        }
        catch
        {
            slot.State.Dossier = previous;
            throw;
        }

        if (previous is not null)
        {
            LogChanged(ReceiptCode, previous.State, next.State, next.Version);
        }
        else
        {
            _release?.Dispose();
            _release = null;
        }

        return Reply(next, now);
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
