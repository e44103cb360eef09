using V1 = DossierTracking.GrpcApi.V1;

namespace DossierTracking.GrpcApi.Mapping;

/// <summary>
/// The public view of a dossier (Decree 13/2023; the README's "Personal data"): what anyone with a receipt code may
/// see. Built as a fresh message from an allow-list of fields, so a field added to the .proto later stays out of it
/// until someone decides it is public: <see cref="PublicFields"/> classifies every field of <c>Dossier</c> and of every
/// message inside it, and a test fails for a field that is not classified and for a private field that reaches this view.
/// </summary>
public static class PublicDossierView
{
    public static V1.Dossier From(V1.Dossier full)
    {
        var view = new V1.Dossier
        {
            ReceiptCode = full.ReceiptCode,
            Version = full.Version,
            State = full.State,
            StateCode = full.StateCode,
            ProcedureCode = full.ProcedureCode,
            ProcedureName = full.ProcedureName,
            Channel = full.Channel,
            ReceivingDeskCode = full.ReceivingDeskCode,
            HandlingAgencyCode = full.HandlingAgencyCode,
            CurrentAgencyCode = full.CurrentAgencyCode,
            Applicant = full.Applicant is { } applicant
                ? new V1.Applicant { Kind = applicant.Kind, FullName = MaskName(applicant.FullName) }
                : null,
            SubmittedAt = full.SubmittedAt,
            ReceivedAt = full.ReceivedAt,
            DueAt = full.DueAt,
            PromisedAt = full.PromisedAt,
            FinishedAt = full.FinishedAt,
            ReturnedAt = full.ReturnedAt,
            Timeliness = full.Timeliness,
            EvaluatedAt = full.EvaluatedAt,
            Supplement = full.Supplement is { } supplement ? new V1.Supplement { Deadline = supplement.Deadline } : null,
            ApologyDue = full.ApologyDue,
            Rating = full.Rating is { } rating ? new V1.SatisfactionRating { Satisfaction = rating.Satisfaction, At = rating.At } : null,
        };
        view.Pauses.AddRange(full.Pauses);
        foreach (var entry in full.History)
        {
            view.History.Add(Entry(entry));
        }

        foreach (var payment in full.Payments)
        {
            view.Payments.Add(new V1.PaymentRequest
            {
                Id = payment.Id,
                Number = payment.Number,
                Status = payment.Status,
                RequestedAt = payment.RequestedAt,
                CollectingAgencyCode = payment.CollectingAgencyCode,
                PaidAt = payment.PaidAt,
                ClosedAt = payment.ClosedAt,
            });
        }

        foreach (var shipment in full.Shipments)
        {
            var copy = new V1.Shipment
            {
                TrackingNumber = shipment.TrackingNumber,
                Number = shipment.Number,
                HandedAt = shipment.HandedAt,
                Status = shipment.Status,
                StatusAt = shipment.StatusAt,
            };
            copy.Events.AddRange(shipment.Events.Select(e => new V1.ShipmentEvent { Status = e.Status, OccurredAt = e.OccurredAt }));
            view.Shipments.Add(copy);
        }

        return view;
    }

    /// <summary>A history entry at agency level: which party and unit acted, when, and from which state to which; no person, no note.</summary>
    public static V1.HistoryEntry Entry(V1.HistoryEntry entry) => new()
    {
        Version = entry.Version,
        At = entry.At,
        Action = entry.Action,
        Actor = entry.Actor is { } actor ? new V1.Actor { Party = actor.Party, AgencyCode = actor.AgencyCode } : null,
        FromState = entry.FromState,
        ToState = entry.ToState,
        AgencyCode = entry.AgencyCode,
        StepDueAt = entry.StepDueAt,
    };

    /// <summary>"Nguyễn Văn An" → "Nguyễn V. A.": the family name, then initials.</summary>
    public static string MaskName(string fullName)
    {
        var words = fullName.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return string.Join(' ', words.Select((w, i) => i == 0 ? w : FirstLetter(w) + "."));
    }

    private static string FirstLetter(string word)
    {
        var enumerator = System.Globalization.StringInfo.GetTextElementEnumerator(word);
        return enumerator.MoveNext() ? (string)enumerator.Current : "";
    }
}
