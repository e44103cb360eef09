using System.Collections.Frozen;

namespace DossierTracking.GrpcApi.Mapping;

/// <summary>
/// Every field of the <c>Dossier</c> message and of every message inside it, classified public (in the public view) or
/// private (full record only). The public view copies only public fields; a test walks the message descriptors and
/// fails for a field in neither list, so a new field is classified before it ships. The applicant's full name is
/// public only masked ("Nguyễn V. A.").
/// </summary>
public static class PublicFields
{
    public static FrozenDictionary<string, FrozenSet<string>> Public { get; } = new Dictionary<string, string[]>
    {
        ["dvc.v1.Dossier"] =
        [
            "receipt_code", "version", "state", "state_code", "procedure_code", "procedure_name", "channel",
            "receiving_desk_code", "handling_agency_code", "current_agency_code", "applicant", "submitted_at", "received_at",
            "due_at", "promised_at", "finished_at", "returned_at", "timeliness", "evaluated_at", "supplement", "pauses",
            "history", "apology_due", "rating", "payments", "shipments",
        ],
        ["dvc.v1.Applicant"] = ["kind", "full_name"],
        ["dvc.v1.Supplement"] = ["deadline"],
        ["dvc.v1.PauseInterval"] = ["reason", "started_at", "ended_at", "working_seconds_added", "due_at_before", "due_at_after"],
        ["dvc.v1.HistoryEntry"] = ["version", "at", "action", "actor", "from_state", "to_state", "agency_code", "step_due_at"],
        ["dvc.v1.Actor"] = ["party", "agency_code"],
        ["dvc.v1.SatisfactionRating"] = ["satisfaction", "at"],
        ["dvc.v1.PaymentRequest"] = ["id", "number", "status", "requested_at", "collecting_agency_code", "paid_at", "closed_at"],
        ["dvc.v1.Shipment"] = ["tracking_number", "number", "handed_at", "status", "status_at", "events"],
        ["dvc.v1.ShipmentEvent"] = ["status", "occurred_at"],
        ["google.protobuf.Timestamp"] = ["seconds", "nanos"],
    }.ToFrozenDictionary(e => e.Key, e => e.Value.ToFrozenSet());

    public static FrozenDictionary<string, FrozenSet<string>> Private { get; } = new Dictionary<string, string[]>
    {
        ["dvc.v1.Dossier"] =
        [
            // Outcome, documents, free text, money and delivery: the applicant's business.
            "fees", "result", "result_document_ref", "return_method", "current_step", "closing_reason", "delivery_method",
            "delivery_address", "result_document_hash", "lookup_pin", "assignee_id", "assignee_name",
        ],
        ["dvc.v1.Applicant"] = ["id_number", "phone", "email", "address"],
        ["dvc.v1.Supplement"] = ["missing_items", "reason", "missing_component_codes"],
        ["dvc.v1.HistoryEntry"] = ["note"],
        ["dvc.v1.Actor"] = ["person_id", "person_name"],
        ["dvc.v1.SatisfactionRating"] = ["comment"],
        ["dvc.v1.PaymentRequest"] = ["fees", "total", "transactions", "receipt", "intermediary"],
        ["dvc.v1.Shipment"] = ["address", "carrier"],
        ["dvc.v1.ShipmentEvent"] = ["event_id", "note", "recorded_at", "location", "reason", "raw_code"],
        ["dvc.v1.FeeLine"] = ["name", "amount"],
        ["dvc.v1.PaymentTransaction"] = ["transaction_id", "status", "amount", "occurred_at", "recorded_at", "intermediary"],
        ["dvc.v1.EReceipt"] = ["series", "number", "display", "amount", "payer", "collecting_agency_code", "issued_at", "transaction_id"],
    }.ToFrozenDictionary(e => e.Key, e => e.Value.ToFrozenSet());
}
