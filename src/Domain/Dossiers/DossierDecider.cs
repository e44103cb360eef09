using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using DossierTracking.Contracts.Catalog;
using DossierTracking.Contracts.Dossiers;
using DossierTracking.Contracts.Payments;
using DossierTracking.Domain.Calendar;
using static DossierTracking.Contracts.Dossiers.DossierState;

namespace DossierTracking.Domain.Dossiers;

/// <summary>The outcome of a decision: the next record to persist, or the refusal.</summary>
public readonly record struct Decision(DossierRecord? Next, Failure? Failure)
{
    public static implicit operator Decision(Failure failure) => new(null, failure);

    public static implicit operator Decision(DossierRecord next) => new(next, null);
}

/// <summary>
/// The dossier lifecycle as pure functions: given the current record, a command and the time, decide the next
/// record or refuse. No I/O, no Orleans, no gRPC: grains persist what this returns.
/// </summary>
public sealed partial class DossierDecider(WorkingCalendar calendar, ICatalog catalog)
{
    /// <summary>Largest amount of one fee line, whole đồng (keeps totals far from overflow).</summary>
    public const long MaxFeeAmount = 1_000_000_000_000;

    public WorkingCalendar Calendar => calendar;

    /// <summary>Checks a new dossier against the catalogue before a receipt code is spent on it.</summary>
    public Failure? ValidateNew(NewDossier request)
    {
        var permissions = TransitionTable.CreationPermissions(request.Channel);
        if (permissions.Count == 0)
        {
            return Failures.Invalid("channel", "CHANNEL_REQUIRED", "The channel must be Online, Counter or Postal.");
        }

        if (!permissions.Any(p => p.Party == request.Actor.Party))
        {
            return Failures.PartyNotAllowed(request.Actor.Party, request.Channel == Channel.Online ? "submit online" : "receive a dossier at the desk");
        }

        if (catalog.FindProcedure(request.ProcedureCode) is not { } procedure)
        {
            return Failures.NotFound("procedure_code", "PROCEDURE_NOT_FOUND", $"No procedure has code {request.ProcedureCode}.");
        }

        if (catalog.FindAgency(request.ReceivingDeskCode) is not { } desk)
        {
            return Failures.NotFound("receiving_desk_code", "DESK_NOT_FOUND", $"No agency has code {request.ReceivingDeskCode}.");
        }

        if (!desk.IsReceivingDesk)
        {
            return Failures.Invalid("receiving_desk_code", "NOT_A_RECEIVING_DESK", $"{desk.Code} does not receive dossiers.");
        }

        if (desk.Level != procedure.AgencyLevel)
        {
            return Failures.Invalid("receiving_desk_code", "DESK_LEVEL_MISMATCH",
                $"Procedure {procedure.Code} is decided at {procedure.AgencyLevel} level; desk {desk.Code} is at {desk.Level} level.");
        }

        if (request.Channel == Channel.Online && procedure.ServiceLevel < 3)
        {
            return Failures.Invalid("procedure_code", "PROCEDURE_NOT_ONLINE",
                $"Procedure {procedure.Code} is offered at service level {procedure.ServiceLevel}: it cannot be submitted online.");
        }

        if (request.Actor.Party == Party.DeskOfficer && request.Actor.AgencyCode != desk.Code)
        {
            return Failures.OutsideAgency(Party.DeskOfficer, "receive a dossier at this desk");
        }

        if (request.Delivery is ReturnMethod.Online or ReturnMethod.Post && procedure.ServiceLevel < 4)
        {
            return Failures.Invalid("delivery_method", "RESULT_AT_DESK_ONLY",
                $"delivery_method: procedure {procedure.Code} is offered at service level {procedure.ServiceLevel}; its result is collected at the desk (online or by post is level 4).");
        }

        if (request.Delivery == ReturnMethod.Post && string.IsNullOrWhiteSpace(request.DeliveryAddress))
        {
            return Failures.Invalid("delivery_address", "ADDRESS_REQUIRED", "delivery_address is required for a result sent by post.");
        }

        return null;
    }

    /// <summary>A fingerprint of what a creating request asks for, to tell a retry from a reuse of its id.</summary>
    public static string Fingerprint(NewDossier request)
    {
        var text = string.Join('\u001f', request.ProcedureCode, request.ReceivingDeskCode, request.Channel, request.Applicant.Kind,
            request.Applicant.FullName, request.Applicant.IdNumber, request.Applicant.Phone, request.Applicant.Email, request.Applicant.Address);
        if (request.Delivery is not (ReturnMethod.Unspecified or ReturnMethod.InPerson))
        {
            // Only when chosen, so that the fingerprints of dossiers stored before delivery methods existed still match.
            text += '\u001f' + request.Delivery + '\u001f' + request.DeliveryAddress;
        }
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)), 0, 16);
    }

    /// <param name="lookupPinHash">The hash of the lookup PIN issued with the receipt (<see cref="LookupPin"/>).</param>
    public Decision Create(NewDossier request, string receiptCode, DateTimeOffset now, string lookupPinHash)
    {
        if (ValidateNew(request) is { } failure)
        {
            return failure;
        }

        if (request.Note.Length > DossierLimits.MaxNoteLength)
        {
            return Failures.TooLong("note", DossierLimits.MaxNoteLength);
        }

        var procedure = catalog.FindProcedure(request.ProcedureCode)!;
        var limit = request.Channel == Channel.Online && procedure.OnlineLimit is { } online ? online : procedure.Limit;
        var received = request.Channel != Channel.Online;
        var dueAt = received ? DueFrom(limit, now) : (DateTimeOffset?)null;
        var state = received ? Received : Submitted;
        var entry = new HistoryEntry
        {
            Version = 1,
            At = now,
            Action = received ? DossierAction.Receive : DossierAction.Submit,
            Actor = request.Actor,
            FromState = None,
            ToState = state,
            AgencyCode = request.ReceivingDeskCode,
            Note = request.Note,
            StepDueAt = dueAt,
        };
        return new DossierRecord
        {
            ReceiptCode = receiptCode,
            RequestId = request.RequestId,
            RequestFingerprint = Fingerprint(request),
            Version = 1,
            State = state,
            ProcedureCode = procedure.Code,
            Channel = request.Channel,
            ReceivingDeskCode = request.ReceivingDeskCode,
            HandlingAgencyCode = procedure.AgencyLevel == AgencyLevel.Province ? procedure.AgencyCode! : request.ReceivingDeskCode,
            CurrentAgencyCode = request.ReceivingDeskCode,
            Applicant = request.Applicant,
            Limit = limit,
            SupplementPolicy = procedure.SupplementPolicy,
            SubmittedAt = now,
            ReceivedAt = received ? now : null,
            DueAt = dueAt,
            History = [entry],
            Delivery = request.Delivery == ReturnMethod.Unspecified ? ReturnMethod.InPerson : request.Delivery,
            DeliveryAddress = request.Delivery == ReturnMethod.Post ? request.DeliveryAddress : "",
            LookupPinHash = lookupPinHash,
        };
    }

    public Decision Accept(DossierRecord? dossier, ActionContext context, DateTimeOffset now)
    {
        if (Check(DossierAction.Accept, dossier, context) is { } failure)
        {
            return failure;
        }

        var dueAt = DueFrom(dossier!.Limit, now);
        return Append(dossier with { State = Received, ReceivedAt = now, DueAt = dueAt }, DossierAction.Accept, context, now, stepDueAt: dueAt);
    }

    public Decision RefuseIntake(DossierRecord? dossier, ActionContext context, string reason, DateTimeOffset now)
    {
        if (Check(DossierAction.RefuseIntake, dossier, context) is { } failure)
        {
            return failure;
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return Failures.Invalid("reason", "REASON_REQUIRED", "A refusal at intake needs a written reason.");
        }

        if (reason.Length > DossierLimits.MaxNoteLength)
        {
            return Failures.TooLong("reason", DossierLimits.MaxNoteLength);
        }

        return Append(dossier! with { State = RejectedAtIntake, ClosingReason = reason }, DossierAction.RefuseIntake, context, now, reason);
    }

    public Decision RequestSupplement(DossierRecord? dossier, ActionContext context, SupplementRequest request, DateTimeOffset now)
    {
        if (Check(DossierAction.RequestSupplement, dossier, context) is { } failure)
        {
            return failure;
        }

        if (request.MissingItems.Count == 0 || request.MissingItems.Count > DossierLimits.MaxMissingItems || request.MissingItems.Any(string.IsNullOrWhiteSpace))
        {
            return Failures.Invalid("missing_items", "MISSING_ITEMS_REQUIRED", $"List between 1 and {DossierLimits.MaxMissingItems} missing papers, none empty.");
        }

        if (request.MissingItems.Any(item => item.Length > DossierLimits.MaxNameLength))
        {
            return Failures.TooLong("missing_items", DossierLimits.MaxNameLength);
        }

        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            return Failures.Invalid("reason", "REASON_REQUIRED", "A supplement request needs a reason.");
        }

        if (request.Reason.Length > DossierLimits.MaxNoteLength)
        {
            return Failures.TooLong("reason", DossierLimits.MaxNoteLength);
        }

        if (Count(dossier!, DossierAction.RequestSupplement) >= DossierLimits.MaxSupplementRequests)
        {
            return Failures.LimitReached("SUPPLEMENT_LIMIT_REACHED", $"Missing papers were already requested {DossierLimits.MaxSupplementRequests} times for this dossier.");
        }

        if (request.Deadline <= now)
        {
            return Failures.Invalid("deadline", "DEADLINE_NOT_IN_FUTURE", "The supplement deadline must be in the future.");
        }

        var d = dossier!;
        var clockRuns = d.DueAt is not null;
        var next = d with
        {
            State = AwaitingSupplement,
            ResumeState = d.State,
            Supplement = request,
            PausedAt = clockRuns ? now : null,
            Pauses = clockRuns ? d.Pauses.Add(new PauseInterval { Reason = AwaitingSupplement, StartedAt = now, DueAtBefore = d.DueAt }) : d.Pauses,
        };
        return Append(next, DossierAction.RequestSupplement, context, now, request.Reason);
    }

    public Decision ReceiveSupplement(DossierRecord? dossier, ActionContext context, DateTimeOffset now)
    {
        if (Check(DossierAction.ReceiveSupplement, dossier, context) is { } failure)
        {
            return failure;
        }

        var d = dossier!;
        var resumed = Resume(d, d.SupplementPolicy, now) with
        {
            State = d.ResumeState ?? Received,
            ResumeState = null,
            Supplement = null,
        };
        return Append(resumed, DossierAction.ReceiveSupplement, context, now, stepDueAt: resumed.DueAt);
    }

    public Decision ExpireSupplement(DossierRecord? dossier, ActionContext context, DateTimeOffset now)
    {
        if (Check(DossierAction.ExpireSupplement, dossier, context) is { } failure)
        {
            return failure;
        }

        var d = dossier!;
        if (d.Supplement is { } supplement && now <= supplement.Deadline)
        {
            return Failures.Precondition(d.State, "SUPPLEMENT_DEADLINE_NOT_PASSED",
                $"The supplement deadline {WorkingCalendar.ToLocal(supplement.Deadline):yyyy-MM-dd HH:mm} has not passed yet.");
        }

        var closed = ClosePause(d, now, TimeSpan.Zero, d.DueAt) with { State = RejectedAtIntake, ClosingReason = "Supplement deadline passed" };
        return Append(closed, DossierAction.ExpireSupplement, context, now, "Supplement deadline passed");
    }

    public Decision Forward(DossierRecord? dossier, ActionContext context, DateTimeOffset now)
    {
        if (Check(DossierAction.Forward, dossier, context) is { } failure)
        {
            return failure;
        }

        var d = dossier!;
        return Append(d with { State = InProcessing, CurrentAgencyCode = d.HandlingAgencyCode }, DossierAction.Forward, context, now, stepDueAt: d.DueAt);
    }

    public Decision RecordStep(DossierRecord? dossier, ActionContext context, string step, DateTimeOffset now)
    {
        if (Check(DossierAction.RecordStep, dossier, context) is { } failure)
        {
            return failure;
        }

        if (string.IsNullOrWhiteSpace(step))
        {
            return Failures.Invalid("step", "STEP_REQUIRED", "Name the processing step.");
        }

        if (step.Length > DossierLimits.MaxNameLength)
        {
            return Failures.TooLong("step", DossierLimits.MaxNameLength);
        }

        if (Count(dossier!, DossierAction.RecordStep) >= DossierLimits.MaxSteps)
        {
            return Failures.LimitReached("STEP_LIMIT_REACHED", $"The dossier already has {DossierLimits.MaxSteps} recorded steps.");
        }

        return Append(dossier! with { CurrentStep = step }, DossierAction.RecordStep, context, now, step, dossier!.DueAt);
    }

    public Decision Transfer(DossierRecord? dossier, ActionContext context, string coordinatingAgencyCode, int? stepLimitWorkingDays, DateTimeOffset now)
    {
        if (Check(DossierAction.Transfer, dossier, context) is { } failure)
        {
            return failure;
        }

        var d = dossier!;
        if (d.CurrentAgencyCode != d.HandlingAgencyCode)
        {
            return Failures.Precondition(d.State, "ALREADY_TRANSFERRED", $"The dossier is at coordinating agency {d.CurrentAgencyCode}; it must come back first.");
        }

        if (catalog.FindAgency(coordinatingAgencyCode) is not { } target)
        {
            return Failures.NotFound("coordinating_agency_code", "AGENCY_NOT_FOUND", $"No agency has code {coordinatingAgencyCode}.");
        }

        if (target.Code == d.HandlingAgencyCode)
        {
            return Failures.Invalid("coordinating_agency_code", "SAME_AGENCY", "A dossier cannot be transferred to the agency that holds it.");
        }

        if (stepLimitWorkingDays is < 0 or > 365)
        {
            return Failures.Invalid("step_limit_working_days", "STEP_LIMIT_OUT_OF_RANGE", "The step limit must be between 0 and 365 working days.");
        }

        if (Count(d, DossierAction.Transfer) >= DossierLimits.MaxTransfers)
        {
            return Failures.LimitReached("TRANSFER_LIMIT_REACHED", $"The dossier was already transferred {DossierLimits.MaxTransfers} times.");
        }

        var stepDueAt = stepLimitWorkingDays is { } days ? calendar.AddWorkingDays(now, days) : d.DueAt;
        return Append(d with { CurrentAgencyCode = target.Code }, DossierAction.Transfer, context, now, stepDueAt: stepDueAt);
    }

    public Decision ReturnFromTransfer(DossierRecord? dossier, ActionContext context, DateTimeOffset now)
    {
        if (Check(DossierAction.ReturnFromTransfer, dossier, context) is { } failure)
        {
            return failure;
        }

        var d = dossier!;
        if (d.CurrentAgencyCode == d.HandlingAgencyCode)
        {
            return Failures.Precondition(d.State, "NOT_TRANSFERRED", "The dossier is not at a coordinating agency.");
        }

        return Append(d with { CurrentAgencyCode = d.HandlingAgencyCode }, DossierAction.ReturnFromTransfer, context, now, stepDueAt: d.DueAt);
    }

    /// <param name="intermediary">The intermediary the applicant chose, when the agency names one: only it may then report on the request.</param>
    public Decision RequestPayment(DossierRecord? dossier, ActionContext context, IReadOnlyList<FeeLine> fees, DateTimeOffset now, string intermediary = "")
    {
        if (Check(DossierAction.RequestPayment, dossier, context) is { } failure)
        {
            return failure;
        }

        var d = dossier!;
        if (d.CurrentAgencyCode != d.HandlingAgencyCode)
        {
            return Failures.Precondition(d.State, "AT_COORDINATING_AGENCY", "Payment is requested by the competent agency, not while the dossier is transferred.");
        }

        var lines = fees.Count > 0
            ? fees
            : [.. catalog.FindProcedure(d.ProcedureCode)?.Fees.Where(f => f.Timing != FeeTiming.Exempt && f.Amount > 0)
                .Select(f => new FeeLine { Name = f.Name, Amount = f.Amount }) ?? []];
        if (lines.Count == 0)
        {
            return Failures.Invalid("fees", "FEES_REQUIRED", "The procedure has no fee to collect: list the fee lines.");
        }

        if (lines.Count > DossierLimits.MaxFeeLines || lines.Any(f => f.Amount is <= 0 or > MaxFeeAmount || string.IsNullOrWhiteSpace(f.Name) || f.Name.Length > DossierLimits.MaxNameLength))
        {
            return Failures.Invalid("fees", "INVALID_FEE_LINE",
                $"Up to {DossierLimits.MaxFeeLines} fee lines, each named (up to {DossierLimits.MaxNameLength} characters), with a positive amount in whole đồng.");
        }

        if (d.Payments.Count >= DossierLimits.MaxPaymentRequests)
        {
            return Failures.LimitReached("PAYMENT_REQUEST_LIMIT_REACHED", $"Fees were already asked for {DossierLimits.MaxPaymentRequests} times on this dossier.");
        }

        var request = new PaymentRequest
        {
            Number = d.Payments.Count + 1,
            Fees = [.. lines],
            Total = lines.Sum(f => f.Amount),
            Status = PaymentStatus.Unpaid,
            RequestedAt = now,
            CollectingAgencyCode = d.HandlingAgencyCode,
            Intermediary = intermediary,
            IntermediaryChosen = intermediary.Length > 0,
        };
        var next = d with
        {
            State = AwaitingPayment,
            Fees = [.. lines],
            Payments = d.Payments.Add(request),
            PausedAt = now,
            Pauses = d.Pauses.Add(new PauseInterval { Reason = AwaitingPayment, StartedAt = now, DueAtBefore = d.DueAt }),
        };
        return Append(next, DossierAction.RequestPayment, context, now, $"Payment request {PaymentRequest.IdOf(d.ReceiptCode, request.Number)}");
    }

    public Decision ConfirmPayment(DossierRecord? dossier, ActionContext context, string transactionRef, DateTimeOffset now)
    {
        if (Check(DossierAction.ConfirmPayment, dossier, context) is { } failure)
        {
            return failure;
        }

        if (string.IsNullOrWhiteSpace(transactionRef))
        {
            return Failures.Invalid("transaction_ref", "TRANSACTION_REF_REQUIRED", "Give the payment transaction reference.");
        }

        // Time spent waiting for the citizen to pay is not the agency's: it is always added back (pause rule).
        var resumed = Resume(dossier!, SupplementPolicy.Pause, now) with { State = InProcessing, PaymentRef = transactionRef };
        return Append(resumed, DossierAction.ConfirmPayment, context, now, transactionRef, resumed.DueAt);
    }

    public Decision Stop(DossierRecord? dossier, ActionContext context, string reason, DateTimeOffset now)
    {
        if (Check(DossierAction.Stop, dossier, context) is { } failure)
        {
            return failure;
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return Failures.Invalid("reason", "REASON_REQUIRED", "Stopping processing needs a written reason.");
        }

        if (reason.Length > DossierLimits.MaxNoteLength)
        {
            return Failures.TooLong("reason", DossierLimits.MaxNoteLength);
        }

        var d = dossier!;
        var stopped = ClosePause(d, now, TimeSpan.Zero, d.DueAt) with { State = Stopped, ClosingReason = reason, Supplement = null, ResumeState = null };
        return Append(stopped, DossierAction.Stop, context, now, reason);
    }

    public Decision Withdraw(DossierRecord? dossier, ActionContext context, string reason, DateTimeOffset now)
    {
        if (Check(DossierAction.Withdraw, dossier, context) is { } failure)
        {
            return failure;
        }

        if (reason.Length > DossierLimits.MaxNoteLength)
        {
            return Failures.TooLong("reason", DossierLimits.MaxNoteLength);
        }

        var d = dossier!;
        var withdrawn = ClosePause(d, now, TimeSpan.Zero, d.DueAt) with
        {
            State = Withdrawn,
            ClosingReason = reason,
            FinishedAt = now,
            Supplement = null,
            ResumeState = null,
            // Fees not paid yet are no longer owed; a payment that still arrives is recorded and must be refunded.
            Payments = [.. d.Payments.Select(p => p.IsOpen ? p with { Status = PaymentStatus.Cancelled, ClosedAt = now } : p)],
        };
        return Append(withdrawn, DossierAction.Withdraw, context, now, reason);
    }

    public Decision RecordResult(DossierRecord? dossier, ActionContext context, ResultKind result, string documentRef, DateTimeOffset now)
    {
        if (Check(DossierAction.RecordResult, dossier, context) is { } failure)
        {
            return failure;
        }

        var d = dossier!;
        if (result == ResultKind.Unspecified)
        {
            return Failures.Invalid("result", "RESULT_REQUIRED", "Say whether the result approves or refuses the request.");
        }

        if (documentRef.Length > DossierLimits.MaxNameLength)
        {
            return Failures.TooLong("document_ref", DossierLimits.MaxNameLength);
        }

        if (d.CurrentAgencyCode != d.HandlingAgencyCode)
        {
            return Failures.Precondition(d.State, "AT_COORDINATING_AGENCY", $"The dossier is at coordinating agency {d.CurrentAgencyCode}; it must come back first.");
        }

        var ready = d with
        {
            State = ResultReady,
            Result = result,
            ResultDocumentRef = documentRef,
            FinishedAt = now,
            CurrentAgencyCode = d.ReceivingDeskCode,
        };
        return Append(ready, DossierAction.RecordResult, context, now);
    }

    /// <summary>
    /// The applicant's rating, once, after the result was returned: through the portal, or at the desk's kiosk.
    /// It changes no state; it is recorded in the history and counted in the agency's figures.
    /// </summary>
    public Decision Rate(DossierRecord? dossier, ActionContext context, Satisfaction level, string comment, DateTimeOffset now)
    {
        if (Check(DossierAction.Rate, dossier, context) is { } failure)
        {
            return failure;
        }

        if (level is not (Satisfaction.VerySatisfied or Satisfaction.Satisfied or Satisfaction.NotSatisfied))
        {
            return Failures.Invalid("satisfaction", "SATISFACTION_REQUIRED", "satisfaction is VERY_SATISFIED, SATISFIED or NOT_SATISFIED.");
        }

        if (comment.Length > DossierLimits.MaxNoteLength)
        {
            return Failures.TooLong("comment", DossierLimits.MaxNoteLength);
        }

        var d = dossier!;
        if (d.Rating is not null)
        {
            return Failures.Precondition(d.State, "ALREADY_RATED", $"The dossier was already rated on {d.Rating.At:yyyy-MM-dd}; a rating is given once.");
        }

        return Append(d with { Rating = new SatisfactionRating { Level = level, Comment = comment, At = now } }, DossierAction.Rate, context, now,
            detail: level.ToString());
    }

    /// <summary>
    /// A new lookup PIN for an applicant who lost theirs (the old one stops working). The PIN itself is the grain's to
    /// draw and to hand out once; the record keeps its hash and the history says when and by whom it was issued.
    /// </summary>
    public Decision IssueLookupPin(DossierRecord? dossier, ActionContext context, string lookupPinHash, DateTimeOffset now)
    {
        if (Check(DossierAction.LookupPinIssued, dossier, context) is { } failure)
        {
            return failure;
        }

        if (Count(dossier!, DossierAction.LookupPinIssued) >= DossierLimits.MaxPinReissues)
        {
            return Failures.LimitReached("PIN_LIMIT_REACHED", $"A new lookup PIN was already issued {DossierLimits.MaxPinReissues} times for this dossier.");
        }

        return Append(dossier! with { LookupPinHash = lookupPinHash }, DossierAction.LookupPinIssued, context, now, "New lookup PIN issued");
    }

    public Decision ReturnResult(DossierRecord? dossier, ActionContext context, ReturnMethod method, DateTimeOffset now, string documentHash = "")
    {
        if (Check(DossierAction.ReturnResult, dossier, context) is { } failure)
        {
            return failure;
        }

        if (method == ReturnMethod.Unspecified)
        {
            return Failures.Invalid("method", "METHOD_REQUIRED", "Say how the result was handed over: in person, online or by post.");
        }

        if (context.Actor.Party == Party.PostalService && method != ReturnMethod.Post)
        {
            return Failures.Invalid("method", "POSTAL_METHOD_ONLY", "The postal service reports deliveries by post only.");
        }

        if (method == ReturnMethod.Online && !IsSha256(documentHash))
        {
            return Failures.Invalid("document_hash", "HASH_REQUIRED", "document_hash is required for a result returned online: the SHA-256 of the result document, 64 hexadecimal digits.");
        }

        var returned = dossier! with
        {
            State = ResultReturned,
            ReturnedAt = now,
            ReturnMethod = method,
            ResultDocumentHash = method == ReturnMethod.Online ? documentHash.ToLowerInvariant() : "",
        };
        return Append(returned, DossierAction.ReturnResult, context, now);
    }

    private static bool IsSha256(string text) => text.Length == 64 && text.All(char.IsAsciiHexDigit);

    public Decision IssueApology(DossierRecord? dossier, ActionContext context, DateTimeOffset promisedAt, string reason, DateTimeOffset now)
    {
        if (Check(DossierAction.IssueApology, dossier, context) is { } failure)
        {
            return failure;
        }

        var d = dossier!;
        if (d.DueAt is not { } dueAt)
        {
            return Failures.Precondition(d.State, "NO_DUE_DATE", "The dossier has no due date yet.");
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return Failures.Invalid("reason", "REASON_REQUIRED", "An apology notice states why the dossier is late.");
        }

        if (reason.Length > DossierLimits.MaxNoteLength)
        {
            return Failures.TooLong("reason", DossierLimits.MaxNoteLength);
        }

        if (Count(d, DossierAction.IssueApology) >= DossierLimits.MaxApologies)
        {
            return Failures.LimitReached("APOLOGY_LIMIT_REACHED", $"The dossier already has {DossierLimits.MaxApologies} apology notices.");
        }

        var current = d.PromisedAt ?? dueAt;
        if (promisedAt <= current)
        {
            return Failures.Invalid("promised_at", "PROMISED_DATE_NOT_LATER", "The new date must be later than the date promised so far.");
        }

        // The promise moves for the citizen; the legal due date (and the KPI) stays.
        return Append(d with { PromisedAt = promisedAt }, DossierAction.IssueApology, context, now, reason, promisedAt);
    }

    /// <summary>The due date for a limit, with the clock starting at <paramref name="start"/>.</summary>
    public DateTimeOffset DueFrom(TimeLimit limit, DateTimeOffset start) => limit.Unit switch
    {
        LimitUnit.CalendarDays => calendar.AddCalendarDays(start, limit.Value),
        _ => calendar.AddWorkingDays(start, limit.Value),
    };

    /// <summary>
    /// A retry of a change this dossier already made: the same caller's key found in its history. Null when the key is
    /// new (or none was given); else the replay (the dossier as it stands, nothing changed) or, for the same key with a
    /// different request, the refusal.
    /// </summary>
    public static Decision? Replay(DossierRecord? dossier, ActionContext context)
    {
        if (dossier is null || context.RequestKey.Length == 0)
        {
            return null;
        }

        foreach (var entry in dossier.History)
        {
            if (entry.RequestKey == context.RequestKey)
            {
                return entry.RequestFingerprint == context.RequestFingerprint
                    ? new Decision(dossier, null)
                    : Failures.RequestIdReused(context.RequestKey[(context.RequestKey.LastIndexOf('/') + 1)..]);
            }
        }

        return null;
    }

    /// <summary>
    /// Party, existence, ownership, version, state and size checks shared by every transition, in that order. A party
    /// that may act only on its own dossiers gets the same refusal for a dossier not its own as for a code that has no
    /// dossier, so that it cannot probe other callers' receipt codes.
    /// </summary>
    private static Failure? Check(DossierAction action, DossierRecord? dossier, ActionContext context)
    {
        var rule = TransitionTable.For(action);
        var verb = Verb(action);
        var party = context.Actor.Party;
        if (!rule.AllowsParty(party))
        {
            return Failures.PartyNotAllowed(party, verb);
        }

        var permissions = rule.Permissions.Where(p => p.Party == party).ToList();
        if (dossier is null)
        {
            return permissions.All(p => p.Scope != ActorScope.Any)
                ? Failures.NotYours(party, verb)
                : Failures.UnknownDossier();
        }

        if (!permissions.Any(p => InScope(p.Scope, context, dossier)))
        {
            return Failures.NotYours(party, verb);
        }

        if (context.ExpectedVersion is { } expected && expected != dossier.Version)
        {
            return Failures.VersionMismatch(expected, dossier.Version);
        }

        if (!rule.From.Contains(dossier.State))
        {
            return Failures.IllegalTransition(dossier.State, verb, rule.From.Order());
        }

        if (!permissions.Any(p => (p.OnlyFrom is null || p.OnlyFrom.Contains(dossier.State)) && InScope(p.Scope, context, dossier)))
        {
            var states = permissions.SelectMany(p => p.OnlyFrom ?? rule.From).Distinct().Order();
            return Failures.Precondition(dossier.State, "ILLEGAL_TRANSITION",
                $"A {party} cannot {verb} a dossier in state {dossier.State} ({(int)dossier.State}); allowed from {string.Join(", ", states.Select(s => $"{s} ({(int)s})"))}.");
        }

        if (context.Note.Length > DossierLimits.MaxNoteLength)
        {
            return Failures.TooLong("note", DossierLimits.MaxNoteLength);
        }

        return HistoryFull(dossier);
    }

    private static bool InScope(ActorScope scope, ActionContext context, DossierRecord dossier) =>
        Ownership.InScope(scope, context.Actor, context.ApplicantProven, dossier);

    /// <summary>The backstop over every per-kind limit: a dossier's history never grows past <see cref="DossierLimits.MaxHistoryEntries"/>.</summary>
    private static Failure? HistoryFull(DossierRecord dossier) =>
        dossier.History.Count >= DossierLimits.MaxHistoryEntries
            ? Failures.LimitReached("HISTORY_FULL", $"The dossier's history holds {DossierLimits.MaxHistoryEntries} entries, the most a dossier may have.")
            : null;

    private static int Count(DossierRecord dossier, DossierAction action) => dossier.History.Count(h => h.Action == action);

    /// <summary>Ends the current pause, moving the due date by the rule given.</summary>
    private DossierRecord Resume(DossierRecord d, SupplementPolicy policy, DateTimeOffset now)
    {
        if (d.PausedAt is not { } pausedAt || d.DueAt is not { } dueAt)
        {
            return d with { PausedAt = null };
        }

        if (policy == SupplementPolicy.Restart)
        {
            return ClosePause(d, now, TimeSpan.Zero, DueFrom(d.Limit, now));
        }

        var waited = calendar.WorkingTimeBetween(pausedAt, now);
        return ClosePause(d, now, waited, calendar.AddWorkingTime(dueAt, waited));
    }

    private static DossierRecord ClosePause(DossierRecord d, DateTimeOffset now, TimeSpan added, DateTimeOffset? dueAfter)
    {
        if (d.PausedAt is null || d.Pauses.Count == 0 || d.Pauses[^1].EndedAt is not null)
        {
            return d with { PausedAt = null };
        }

        var closed = d.Pauses[^1] with { EndedAt = now, WorkingTimeAdded = added, DueAtAfter = dueAfter };
        return d with { PausedAt = null, DueAt = dueAfter, Pauses = d.Pauses.SetItem(d.Pauses.Count - 1, closed) };
    }

    private static DossierRecord Append(DossierRecord next, DossierAction action, ActionContext context, DateTimeOffset now,
        string? detail = null, DateTimeOffset? stepDueAt = null)
    {
        var version = next.Version + 1;
        var note = string.IsNullOrEmpty(context.Note) ? detail ?? "" : context.Note;
        var previous = next.History.Count > 0 ? next.History[^1].ToState : None;
        var entry = new HistoryEntry
        {
            Version = version,
            At = now,
            Action = action,
            Actor = context.Actor,
            FromState = previous,
            ToState = next.State,
            AgencyCode = next.CurrentAgencyCode,
            Note = note,
            StepDueAt = stepDueAt,
            RequestKey = context.RequestKey.Length > 0 ? context.RequestKey : null,
            RequestFingerprint = context.RequestKey.Length > 0 ? context.RequestFingerprint : null,
        };
        return next with { Version = version, History = next.History.Add(entry) };
    }

    private static string Verb(DossierAction action) => action switch
    {
        DossierAction.Accept => "accept",
        DossierAction.RefuseIntake => "refuse at intake",
        DossierAction.RequestSupplement => "request a supplement for",
        DossierAction.ReceiveSupplement => "accept the supplement of",
        DossierAction.ExpireSupplement => "close for an expired supplement",
        DossierAction.Forward => "forward",
        DossierAction.RecordStep => "record a step of",
        DossierAction.Transfer => "transfer",
        DossierAction.ReturnFromTransfer => "return from transfer",
        DossierAction.RequestPayment => "request payment for",
        DossierAction.ConfirmPayment => "confirm payment of",
        DossierAction.Stop => "stop",
        DossierAction.Withdraw => "withdraw",
        DossierAction.RecordResult => "record the result of",
        DossierAction.ReturnResult => "return the result of",
        DossierAction.IssueApology => "issue an apology for",
        DossierAction.Rate => "rate",
        DossierAction.HandToPost => "hand to the post the result of",
        DossierAction.ReturnedToSender => "take back from the post the result of",
        DossierAction.LookupPinIssued => "issue a new lookup PIN for",
        _ => action.ToString(),
    };
}
