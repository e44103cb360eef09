using System.Text.Json.Serialization;
using DossierTracking.Contracts.Dossiers;

namespace DossierTracking.GrpcApi.Import;

/// <summary>One line of an export as JSON (docs/import.md): the wire form only; its meaning is the domain's to check.</summary>
internal sealed class ImportLineDocument
{
    [JsonPropertyName("source_id")] public required string SourceId { get; init; }
    [JsonPropertyName("receipt_code")] public required string ReceiptCode { get; init; }
    [JsonPropertyName("procedure_code")] public required string ProcedureCode { get; init; }
    [JsonPropertyName("receiving_desk")] public required string ReceivingDesk { get; init; }
    [JsonPropertyName("channel")] public required Channel Channel { get; init; }
    [JsonPropertyName("applicant")] public required ApplicantDocument Applicant { get; init; }
    [JsonPropertyName("state")] public required DossierState State { get; init; }
    [JsonPropertyName("result")] public ResultKind Result { get; init; }
    [JsonPropertyName("return_method")] public ReturnMethod ReturnMethod { get; init; }
    [JsonPropertyName("due_at")] public DateTimeOffset? DueAt { get; init; }
    [JsonPropertyName("history")] public required List<EntryDocument> History { get; init; }

    internal sealed class ApplicantDocument
    {
        [JsonPropertyName("kind")] public required ApplicantKind Kind { get; init; }
        [JsonPropertyName("full_name")] public required string FullName { get; init; }
        [JsonPropertyName("id_number")] public required string IdNumber { get; init; }
        [JsonPropertyName("phone")] public string Phone { get; init; } = "";
        [JsonPropertyName("email")] public string Email { get; init; } = "";
        [JsonPropertyName("address")] public string Address { get; init; } = "";
    }

    internal sealed class EntryDocument
    {
        [JsonPropertyName("at")] public required DateTimeOffset At { get; init; }
        [JsonPropertyName("action")] public required DossierAction Action { get; init; }
        [JsonPropertyName("to_state")] public required DossierState ToState { get; init; }
        [JsonPropertyName("agency")] public required string Agency { get; init; }
        [JsonPropertyName("actor")] public required ActorDocument Actor { get; init; }
        [JsonPropertyName("note")] public string Note { get; init; } = "";
    }

    internal sealed class ActorDocument
    {
        [JsonPropertyName("party")] public required Party Party { get; init; }
        [JsonPropertyName("id")] public required string Id { get; init; }
        [JsonPropertyName("name")] public string Name { get; init; } = "";
        [JsonPropertyName("unit")] public string Unit { get; init; } = "";
    }
}
