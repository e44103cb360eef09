using DossierTracking.Contracts.Catalog;
using DossierTracking.Contracts.Dossiers;
using DossierTracking.Contracts.Payments;
using DossierTracking.Contracts.Postal;
using Google.Protobuf.WellKnownTypes;
using V1 = DossierTracking.GrpcApi.V1;

namespace DossierTracking.GrpcApi.Mapping;

/// <summary>Maps grain records to wire messages. The enums share their numeric values on both sides.</summary>
public static class DossierMapper
{
    public static V1.Dossier ToProto(DossierView d, IProvinces provinces)
    {
        var message = new V1.Dossier
        {
            ReceiptCode = d.ReceiptCode,
            Version = d.Version,
            State = (V1.DossierState)(int)d.State,
            StateCode = (int)d.State,
            ProcedureCode = d.ProcedureCode,
            ProcedureName = provinces.FindProcedure(d.ReceiptCode, d.ProcedureCode)?.Name ?? "",
            Channel = (V1.Channel)(int)d.Channel,
            ReceivingDeskCode = d.ReceivingDeskCode,
            HandlingAgencyCode = d.HandlingAgencyCode,
            CurrentAgencyCode = d.CurrentAgencyCode,
            Applicant = ToProto(d.Applicant),
            SubmittedAt = Timestamps.Of(d.SubmittedAt),
            ReceivedAt = Timestamps.Of(d.ReceivedAt),
            DueAt = Timestamps.Of(d.DueAt),
            PromisedAt = Timestamps.Of(d.PromisedAt),
            FinishedAt = Timestamps.Of(d.FinishedAt),
            ReturnedAt = Timestamps.Of(d.ReturnedAt),
            Timeliness = (V1.Timeliness)(int)d.Timeliness,
            EvaluatedAt = Timestamp.FromDateTimeOffset(d.EvaluatedAt),
            Result = (V1.ResultKind)(int)d.Result,
            ResultDocumentRef = d.ResultDocumentRef,
            ReturnMethod = (V1.ReturnMethod)(int)d.ReturnMethod,
            CurrentStep = d.CurrentStep,
            AssigneeId = d.AssigneeId,
            AssigneeName = d.AssigneeName,
            ApologyDue = d.ApologyDue,
            ClosingReason = d.ClosingReason,
            DeliveryMethod = (V1.ReturnMethod)(int)d.Delivery,
            DeliveryAddress = d.DeliveryAddress,
            ResultDocumentHash = d.ResultDocumentHash,
            Rating = d.Rating is { } rating
                ? new V1.SatisfactionRating { Satisfaction = (V1.Satisfaction)(int)rating.Level, Comment = rating.Comment, At = Timestamp.FromDateTimeOffset(rating.At) }
                : null,
        };
        if (d.Supplement is { } supplement)
        {
            message.Supplement = new V1.Supplement
            {
                MissingItems = { supplement.MissingItems },
                MissingComponentCodes = { supplement.MissingComponents },
                Reason = supplement.Reason,
                Deadline = Timestamp.FromDateTimeOffset(supplement.Deadline),
            };
        }

        message.Fees.AddRange(d.Fees.Select(f => new V1.FeeLine { Name = f.Name, Amount = f.Amount }));
        message.Pauses.AddRange(d.Pauses.Select(p => new V1.PauseInterval
        {
            Reason = (V1.DossierState)(int)p.Reason,
            StartedAt = Timestamp.FromDateTimeOffset(p.StartedAt),
            EndedAt = Timestamps.Of(p.EndedAt),
            WorkingSecondsAdded = (long)p.WorkingTimeAdded.TotalSeconds,
            DueAtBefore = Timestamps.Of(p.DueAtBefore),
            DueAtAfter = Timestamps.Of(p.DueAtAfter),
        }));
        message.History.AddRange(d.History.Select(ToProto));
        message.Payments.AddRange(d.Payments.Select(p => ToProto(d.ReceiptCode, p)));
        message.Shipments.AddRange(d.Shipments.Select(ToProto));
        return message;
    }

    public static V1.PaymentRequest ToProto(string receiptCode, PaymentRequest p)
    {
        var message = new V1.PaymentRequest
        {
            Id = PaymentRequest.IdOf(receiptCode, p.Number),
            Number = p.Number,
            Total = p.Total,
            Status = (V1.PaymentStatus)(int)p.Status,
            RequestedAt = Timestamp.FromDateTimeOffset(p.RequestedAt),
            CollectingAgencyCode = p.CollectingAgencyCode,
            PaidAt = Timestamps.Of(p.PaidAt),
            ClosedAt = Timestamps.Of(p.ClosedAt),
            Intermediary = p.Intermediary,
            Receipt = p.Receipt is { } r
                ? new V1.EReceipt
                {
                    Series = r.Series,
                    Number = r.Number,
                    Display = r.Display,
                    Amount = r.Amount,
                    Payer = r.Payer,
                    CollectingAgencyCode = r.CollectingAgencyCode,
                    IssuedAt = Timestamp.FromDateTimeOffset(r.IssuedAt),
                    TransactionId = r.TransactionId,
                }
                : null,
        };
        message.Fees.AddRange(p.Fees.Select(f => new V1.FeeLine { Name = f.Name, Amount = f.Amount }));
        message.Transactions.AddRange(p.Transactions.Select(t => new V1.PaymentTransaction
        {
            TransactionId = t.TransactionId,
            Status = (V1.TransactionStatus)(int)t.Status,
            Amount = t.Amount,
            OccurredAt = Timestamp.FromDateTimeOffset(t.OccurredAt),
            RecordedAt = Timestamp.FromDateTimeOffset(t.RecordedAt),
            Intermediary = t.Intermediary,
        }));
        return message;
    }

    public static V1.Shipment ToProto(Shipment s)
    {
        var message = new V1.Shipment
        {
            TrackingNumber = s.TrackingNumber,
            Number = s.Number,
            Address = s.Address,
            HandedAt = Timestamp.FromDateTimeOffset(s.HandedAt),
            Status = (V1.ShipmentStatus)(int)s.Status,
            StatusAt = Timestamp.FromDateTimeOffset(s.StatusAt),
            Carrier = s.Carrier,
        };
        message.Events.AddRange(s.Events.Select(e => new V1.ShipmentEvent
        {
            EventId = e.EventId,
            Status = (V1.ShipmentStatus)(int)e.Status,
            OccurredAt = Timestamp.FromDateTimeOffset(e.OccurredAt),
            Note = e.Note,
            RecordedAt = Timestamp.FromDateTimeOffset(e.RecordedAt),
            Location = e.Location,
            Reason = (V1.DeliveryReason)(int)e.Reason,
            RawCode = e.RawCode,
        }));
        return message;
    }

    public static V1.HistoryEntry ToProto(HistoryEntry h) => new()
    {
        Version = h.Version,
        At = Timestamp.FromDateTimeOffset(h.At),
        Action = (V1.DossierAction)(int)h.Action,
        Actor = ToProto(h.Actor),
        FromState = (V1.DossierState)(int)h.FromState,
        ToState = (V1.DossierState)(int)h.ToState,
        AgencyCode = h.AgencyCode,
        Note = h.Note,
        StepDueAt = Timestamps.Of(h.StepDueAt),
    };

    public static V1.Actor ToProto(Actor actor) => new()
    {
        Party = (V1.Party)(int)actor.Party,
        PersonId = actor.PersonId,
        PersonName = actor.PersonName,
        AgencyCode = actor.AgencyCode,
    };

    public static V1.Applicant ToProto(Applicant applicant) => new()
    {
        Kind = (V1.ApplicantKind)(int)applicant.Kind,
        FullName = applicant.FullName,
        IdNumber = applicant.IdNumber,
        Phone = applicant.Phone,
        Email = applicant.Email,
        Address = applicant.Address,
    };

}
