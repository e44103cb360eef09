using DossierTracking.Contracts.Catalog;
using DossierTracking.Contracts.Dossiers;
using DossierTracking.GrpcApi.Errors;
using DossierTracking.GrpcApi.Mapping;
using DossierTracking.GrpcApi.Security;
using DossierTracking.GrpcApi.Telemetry;
using DossierTracking.GrpcApi.V1;
using DossierTracking.GrpcApi.Validation;
using Google.Protobuf;
using Grpc.Core;
using Actor = DossierTracking.Contracts.Dossiers.Actor;
using Channel = DossierTracking.Contracts.Dossiers.Channel;
using Dossier = DossierTracking.GrpcApi.V1.Dossier;
using FeeLine = DossierTracking.Contracts.Dossiers.FeeLine;
using ResultKind = DossierTracking.Contracts.Dossiers.ResultKind;
using ReturnMethod = DossierTracking.Contracts.Dossiers.ReturnMethod;
using SupplementRequest = DossierTracking.Contracts.Dossiers.SupplementRequest;

namespace DossierTracking.GrpcApi.Services;

/// <summary>
/// The dossier lifecycle over gRPC. Each call validates its input, makes one call to the dossier's grain (two for
/// creation: the intake worker, which records the request id and then creates the dossier) and maps the answer. Lookups of
/// dossiers active on this silo are answered from the grains' published snapshots.
/// </summary>
public sealed class DossierApiService(IGrainFactory grains, ILocalDossierReader localDossiers, IProvinces provinces, AuditLog audit, LookupThrottle throttle,
    ApiMetrics metrics) : DossierService.DossierServiceBase
{
    public override Task<Dossier> SubmitDossier(SubmitDossierRequest request, ServerCallContext context) =>
        Create(request.RequestId, request.ProcedureCode, request.ReceivingDeskCode, Channel.Online, request.Applicant, context, request.Note,
            request.DeliveryMethod, request.DeliveryAddress, request.NotifyBy);

    public override Task<Dossier> ReceiveDossier(ReceiveDossierRequest request, ServerCallContext context)
    {
        if (request.Channel is not (V1.Channel.Counter or V1.Channel.Postal))
        {
            throw ApiErrors.Invalid("channel", "INVALID_CHANNEL", "channel must be CHANNEL_COUNTER or CHANNEL_POSTAL; online dossiers use SubmitDossier.");
        }

        return Create(request.RequestId, request.ProcedureCode, request.ReceivingDeskCode, (Channel)(int)request.Channel,
            request.Applicant, context, request.Note, request.DeliveryMethod, request.DeliveryAddress, request.NotifyBy);
    }

    public override async Task<Dossier> GetDossier(GetDossierRequest request, ServerCallContext context)
    {
        var caller = Caller.Of(context);
        throttle.Take(caller, context);
        var code = Input.ReceiptCodeOf(request.ReceiptCode);
        var proof = Input.Proof(request.LookupPin, request.ApplicantIdNumber);
        if (caller.IsAnonymous && proof is null)
        {
            // The public view is for anyone: a dossier whose grain is active on this silo is read from its committed
            // snapshot, without a grain call.
            var view = localDossiers.TryRead(code) ?? Found(await grains.GetGrain<IDossierGrain>(code).GetAsync());
            metrics.LookedUp(full: false);
            return PublicDossierView.From(DossierMapper.ToProto(view, provinces));
        }

        // Anyone else: the dossier's grain decides how much this caller may see (and counts a wrong second factor).
        var read = new DossierRead { Purpose = DossierReadPurpose.Record, Reader = Input.ReaderOf(caller), Proof = proof };
        var grain = grains.GetGrain<IDossierGrain>(code);
        var reply = proof is null ? await grain.ReadAsync(read) : await grain.ReadWithProofAsync(read);
        if (reply.Failure is { } failure)
        {
            throw ApiErrors.FromFailure(failure);
        }

        var message = DossierMapper.ToProto(reply.Dossier!, provinces);
        var full = reply.Disclosure == Disclosure.Full;
        metrics.LookedUp(full);
        if (!full)
        {
            return PublicDossierView.From(message);
        }

        audit.FullRecordRead(code, caller, reply.Basis);
        return message;
    }

    private static DossierView Found(DossierReply reply) =>
        reply.Failure is { } failure ? throw ApiErrors.FromFailure(failure) : reply.Dossier!;

    public override Task<Dossier> AcceptDossier(AcceptDossierRequest r, ServerCallContext context) =>
        Change(r.ReceiptCode, Context(context, r, r.RequestId, r.Note, r.HasExpectedVersion, r.ExpectedVersion), (g, c) => g.AcceptAsync(c));

    public override Task<Dossier> RefuseIntake(RefuseIntakeRequest r, ServerCallContext context)
    {
        var reason = Input.Text(r.Reason, "reason");
        return Change(r.ReceiptCode, Context(context, r, r.RequestId, r.Note, r.HasExpectedVersion, r.ExpectedVersion), (g, c) => g.RefuseIntakeAsync(c, reason));
    }

    public override Task<Dossier> RequestSupplement(RequestSupplementRequest r, ServerCallContext context)
    {
        var supplement = new SupplementRequest
        {
            MissingItems = [.. Input.List(r.MissingItems, "missing_items").Select(item => Input.Text(item, "missing_items"))],
            Reason = Input.Text(r.Reason, "reason"),
            Deadline = Input.Time(r.Deadline, "deadline"),
            MissingComponents = [.. Input.List(r.MissingComponentCodes, "missing_component_codes").Select(code => Input.Text(code, "missing_component_codes"))],
        };
        return Change(r.ReceiptCode, Context(context, r, r.RequestId, r.Note, r.HasExpectedVersion, r.ExpectedVersion), (g, c) => g.RequestSupplementAsync(c, supplement));
    }

    public override Task<Dossier> ReceiveSupplement(ReceiveSupplementRequest r, ServerCallContext context) =>
        Change(r.ReceiptCode, Context(context, r, r.RequestId, r.Note, r.HasExpectedVersion, r.ExpectedVersion), (g, c) => g.ReceiveSupplementAsync(c));

    public override Task<Dossier> ExpireSupplement(ExpireSupplementRequest r, ServerCallContext context) =>
        Change(r.ReceiptCode, Context(context, r, r.RequestId, r.Note, r.HasExpectedVersion, r.ExpectedVersion), (g, c) => g.ExpireSupplementAsync(c));

    public override Task<Dossier> ForwardDossier(ForwardDossierRequest r, ServerCallContext context) =>
        Change(r.ReceiptCode, Context(context, r, r.RequestId, r.Note, r.HasExpectedVersion, r.ExpectedVersion), (g, c) => g.ForwardAsync(c));

    public override Task<Dossier> RecordStep(RecordStepRequest r, ServerCallContext context)
    {
        var step = Input.Text(r.Step, "step");
        return Change(r.ReceiptCode, Context(context, r, r.RequestId, r.Note, r.HasExpectedVersion, r.ExpectedVersion), (g, c) => g.RecordStepAsync(c, step));
    }

    public override Task<Dossier> AssignDossier(AssignDossierRequest r, ServerCallContext context)
    {
        var assignee = Input.Text(r.AssigneeId, "assignee_id");
        var name = Input.Text(r.AssigneeName, "assignee_name");
        return Change(r.ReceiptCode, Context(context, r, r.RequestId, r.Note, r.HasExpectedVersion, r.ExpectedVersion), (g, c) => g.AssignAsync(c, assignee, name));
    }

    public override Task<Dossier> TransferDossier(TransferDossierRequest r, ServerCallContext context)
    {
        var target = Input.UnitCode(r.CoordinatingAgencyCode, "coordinating_agency_code");
        int? stepLimit = r.HasStepLimitWorkingDays ? r.StepLimitWorkingDays : null;
        return Change(r.ReceiptCode, Context(context, r, r.RequestId, r.Note, r.HasExpectedVersion, r.ExpectedVersion), (g, c) => g.TransferAsync(c, target, stepLimit));
    }

    public override Task<Dossier> ReturnFromTransfer(ReturnFromTransferRequest r, ServerCallContext context) =>
        Change(r.ReceiptCode, Context(context, r, r.RequestId, r.Note, r.HasExpectedVersion, r.ExpectedVersion), (g, c) => g.ReturnFromTransferAsync(c));

    public override Task<Dossier> RequestPayment(RequestPaymentRequest r, ServerCallContext context)
    {
        var fees = Input.List(r.Fees, "fees").Select(f => new FeeLine { Name = Input.Text(f.Name, "fees.name"), Amount = f.Amount }).ToList();
        var intermediary = r.Intermediary.Length > 0 ? Input.PartnerCode(r.Intermediary, "intermediary") : "";
        return Change(r.ReceiptCode, Context(context, r, r.RequestId, r.Note, r.HasExpectedVersion, r.ExpectedVersion), (g, c) => g.RequestPaymentAsync(c, fees, intermediary));
    }

    public override Task<Dossier> HandToPost(HandToPostRequest r, ServerCallContext context)
    {
        var address = Input.Text(r.Address, "address", Input.MaxAddressLength);
        var carrier = r.Carrier.Length > 0 ? Input.PartnerCode(r.Carrier, "carrier") : "";
        return Change(r.ReceiptCode, Context(context, r, r.RequestId, r.Note, r.HasExpectedVersion, r.ExpectedVersion), (g, c) => g.HandToPostAsync(c, address, carrier));
    }

    public override Task<Dossier> StopProcessing(StopProcessingRequest r, ServerCallContext context)
    {
        var reason = Input.Text(r.Reason, "reason");
        return Change(r.ReceiptCode, Context(context, r, r.RequestId, r.Note, r.HasExpectedVersion, r.ExpectedVersion), (g, c) => g.StopAsync(c, reason));
    }

    public override Task<Dossier> WithdrawDossier(WithdrawDossierRequest r, ServerCallContext context)
    {
        var reason = Input.Text(r.Reason, "reason");
        var change = Context(context, r, r.RequestId, r.Note, r.HasExpectedVersion, r.ExpectedVersion) with { Proof = Input.Proof(r.LookupPin, r.ApplicantIdNumber) };
        return Change(r.ReceiptCode, change, (g, c) => g.WithdrawAsync(c, reason));
    }

    public override Task<Dossier> RecordResult(RecordResultRequest r, ServerCallContext context)
    {
        var result = (ResultKind)(int)Input.Defined(r.Result, "result");
        var document = Input.Text(r.DocumentRef, "document_ref");
        return Change(r.ReceiptCode, Context(context, r, r.RequestId, r.Note, r.HasExpectedVersion, r.ExpectedVersion), (g, c) => g.RecordResultAsync(c, result, document));
    }

    public override Task<Dossier> RateDossier(RateDossierRequest r, ServerCallContext context)
    {
        var comment = Input.Text(r.Comment, "comment");
        var level = (Contracts.Dossiers.Satisfaction)(int)Input.Defined(r.Satisfaction, "satisfaction");
        var change = Context(context, r, r.RequestId, r.Note, r.HasExpectedVersion, r.ExpectedVersion) with { Proof = Input.Proof(r.LookupPin, r.ApplicantIdNumber) };
        return Change(r.ReceiptCode, change, (g, c) => g.RateAsync(c, level, comment));
    }

    public override Task<Dossier> IssueLookupPin(IssueLookupPinRequest r, ServerCallContext context) =>
        Change(r.ReceiptCode, Context(context, r, r.RequestId, r.Note, r.HasExpectedVersion, r.ExpectedVersion), (g, c) => g.IssueLookupPinAsync(c));

    public override Task<Dossier> ReturnResult(ReturnResultRequest r, ServerCallContext context)
    {
        var method = (ReturnMethod)(int)Input.Defined(r.Method, "method");
        var hash = Input.Text(r.DocumentHash, "document_hash");
        return Change(r.ReceiptCode, Context(context, r, r.RequestId, r.Note, r.HasExpectedVersion, r.ExpectedVersion), (g, c) => g.ReturnResultAsync(c, method, hash));
    }

    public override Task<Dossier> IssueApology(IssueApologyRequest r, ServerCallContext context)
    {
        var promisedAt = Input.Time(r.PromisedAt, "promised_at");
        var reason = Input.Text(r.Reason, "reason");
        return Change(r.ReceiptCode, Context(context, r, r.RequestId, r.Note, r.HasExpectedVersion, r.ExpectedVersion), (g, c) => g.IssueApologyAsync(c, promisedAt, reason));
    }

    private async Task<Dossier> Create(string requestId, string procedureCode, string deskCode, Channel channel,
        V1.Applicant? applicant, ServerCallContext call, string note, V1.ReturnMethod delivery, string deliveryAddress, V1.NotifyBy notifyBy)
    {
        var owner = Input.Applicant(applicant);
        var dossier = new NewDossier
        {
            RequestId = Input.RequestId(requestId),
            ProcedureCode = Input.ProcedureCode(procedureCode),
            ReceivingDeskCode = Input.UnitCode(deskCode, "receiving_desk_code"),
            Channel = channel,
            Applicant = owner with { NotifyBy = Input.NotifyBy(notifyBy, owner) },
            Actor = Input.ActorOf(Caller.Of(call)),
            Note = Input.Text(note, "note"),
            Delivery = (ReturnMethod)(int)Input.Defined(delivery, "delivery_method"),
            DeliveryAddress = Input.Text(deliveryAddress, "delivery_address", 500),
        };

        // The intake worker (stateless, on this silo) checks the request against the catalogue before a receipt number is spent.
        return Output(await grains.GetGrain<IDossierIntakeGrain>(0).SubmitAsync(dossier));
    }

    /// <summary>
    /// The change's context: the actor is the authenticated caller (the request's <c>actor</c> field is ignored), and
    /// the request id, when given, becomes the caller's own idempotency key with a fingerprint of the whole request.
    /// </summary>
    private static ActionContext Context(ServerCallContext call, IMessage request, string requestId, string note, bool hasExpectedVersion, long expectedVersion)
    {
        var actor = Input.ActorOf(Caller.Of(call));
        var key = requestId.Length > 0 ? GrainKeys.RequestKey(actor, Input.RequestId(requestId)) : "";
        return new ActionContext
        {
            Actor = actor,
            Note = Input.Text(note, "note"),
            ExpectedVersion = Input.ExpectedVersion(hasExpectedVersion, expectedVersion),
            RequestKey = key,
            RequestFingerprint = key.Length > 0 ? RequestFingerprint.Of(call.Method, request) : "",
        };
    }

    private async Task<Dossier> Change(string receiptCode, ActionContext context, Func<IDossierGrain, ActionContext, Task<DossierReply>> action)
    {
        var code = Input.ReceiptCodeOf(receiptCode);
        return Output(await action(grains.GetGrain<IDossierGrain>(code), context));
    }

    /// <summary>How long one wait for the next change lasts before the loop asks again (below Orleans' call timeout).</summary>
    private static readonly TimeSpan WatchPoll = TimeSpan.FromSeconds(20);

    public override async Task WatchDossier(WatchDossierRequest request, IServerStreamWriter<DossierChange> responseStream, ServerCallContext context)
    {
        var code = Input.ReceiptCodeOf(request.ReceiptCode);
        if (request.AfterVersion < 0)
        {
            throw ApiErrors.Invalid("after_version", "NEGATIVE_VERSION", "after_version must not be negative (0 starts from the submission).");
        }

        var dossier = grains.GetGrain<IDossierGrain>(code);
        var caller = Caller.Of(context);
        var proof = Input.Proof(request.LookupPin, request.ApplicantIdNumber);

        // Whether this caller may follow the dossier, and in how much detail, is the dossier's to decide, once.
        var read = new DossierRead { Purpose = DossierReadPurpose.Watch, Reader = Input.ReaderOf(caller), Proof = proof };
        var access = proof is null ? await dossier.ReadAsync(read) : await dossier.ReadWithProofAsync(read);
        if (access.Failure is { } refused)
        {
            throw ApiErrors.FromFailure(refused);
        }

        var full = access.Disclosure == Disclosure.Full;
        var after = request.AfterVersion;
        while (!context.CancellationToken.IsCancellationRequested)
        {
            var changes = await dossier.WaitForChangesAsync(after, WatchPoll).WaitAsync(context.CancellationToken);
            if (changes.Failure is { } failure)
            {
                throw ApiErrors.FromFailure(failure);
            }

            foreach (var entry in changes.Entries)
            {
                var message = DossierMapper.ToProto(entry);
                await responseStream.WriteAsync(new DossierChange
                {
                    ReceiptCode = code,
                    Entry = full ? message : PublicDossierView.Entry(message),
                    Version = changes.Version,
                    State = (V1.DossierState)(int)changes.State,
                }, context.CancellationToken);
                after = entry.Version;
            }

            if (after >= changes.Version && changes.Terminal)
            {
                return;
            }
        }
    }

    private Dossier Output(DossierReply reply)
    {
        if (reply.Failure is { } failure)
        {
            throw ApiErrors.FromFailure(failure);
        }

        var message = DossierMapper.ToProto(reply.Dossier!, provinces);
        message.LookupPin = reply.LookupPin;
        return message;
    }
}
