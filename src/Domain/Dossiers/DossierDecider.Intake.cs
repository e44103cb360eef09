using System.Security.Cryptography;
using System.Text;
using DossierTracking.Contracts.Catalog;
using DossierTracking.Contracts.Dossiers;
using DossierTracking.Domain.Calendar;
using static DossierTracking.Contracts.Dossiers.DossierState;

namespace DossierTracking.Domain.Dossiers;

/// <summary>Intake: a new dossier checked against the catalogue, created, accepted or refused at the desk, and forwarded.</summary>
public sealed partial class DossierDecider
{
    /// <summary>Checks a new dossier against the catalogue before a receipt code is spent on it.</summary>
    /// <param name="on">The local date the dossier is created on: its desk must act then (unchecked when null).</param>
    public Failure? ValidateNew(NewDossier request, DateOnly? on = null)
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

        // The desk names the province, and the province's catalogue the procedure.
        var catalog = provinces.CatalogOf(request.ReceivingDeskCode);
        if (catalog is null)
        {
            return Failures.NotFound("receiving_desk_code", "DESK_NOT_FOUND", $"No agency has code {request.ReceivingDeskCode}.");
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

        if (on is { } date && !desk.IsValidOn(date))
        {
            return Failures.Invalid("receiving_desk_code", "UNIT_NOT_ACTING", NotActing(desk, date));
        }

        if (on is { } day && procedure.AgencyCode is { } ownerCode && catalog.FindAgency(ownerCode) is { } owner && !owner.IsValidOn(day))
        {
            // The department that decides the procedure was dissolved: no new dossier goes to it.
            return Failures.Invalid("procedure_code", "UNIT_NOT_ACTING", NotActing(owner, day));
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

    /// <summary>Why a unit the catalogue dates cannot act on <paramref name="date"/>.</summary>
    private static string NotActing(AgencyInfo unit, DateOnly date) =>
        unit.ValidTo is { } to && to < date
            ? $"{unit.Code} acted until {to:yyyy-MM-dd} (its functions passed to other units); on {date:yyyy-MM-dd} it takes no dossier."
            : $"{unit.Code} acts from {unit.ValidFrom:yyyy-MM-dd}; on {date:yyyy-MM-dd} it takes no dossier yet.";

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
        if (ValidateNew(request, WorkingCalendar.LocalDate(now)) is { } failure)
        {
            return failure;
        }

        if (request.Note.Length > DossierLimits.MaxNoteLength)
        {
            return Failures.TooLong("note", DossierLimits.MaxNoteLength);
        }

        var procedure = provinces.FindProcedure(request.ReceivingDeskCode, request.ProcedureCode)!;
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

    public Decision Forward(DossierRecord? dossier, ActionContext context, DateTimeOffset now)
    {
        if (Check(DossierAction.Forward, dossier, context) is { } failure)
        {
            return failure;
        }

        var d = dossier!;
        return Append(d with { State = InProcessing, CurrentAgencyCode = d.HandlingAgencyCode }, DossierAction.Forward, context, now, stepDueAt: d.DueAt);
    }
}
