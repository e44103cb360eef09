using DossierTracking.Contracts.Dossiers;

namespace DossierTracking.Contracts.Audit;

/// <summary>
/// One audited call: who (role, subject, unit), when (UTC, to the microsecond), what (method and target), how it ended
/// (outcome and the stable refusal reason), on what basis a full record was shown, and which dossiers it concerned.
/// Built through <see cref="Create"/>, which sanitises every value, so no entry can carry a line break, a control
/// character, an over-long text or an unchecked target into a log line or a row.
/// </summary>
public sealed record AuditEntry
{
    /// <summary>Unique per call and made by the caller's silo, so a batch retried after a lost acknowledgement is stored once.</summary>
    public required Guid Id { get; init; }

    public required DateTimeOffset At { get; init; }

    /// <summary>The token's role, or <see cref="AuditValues.AnonymousRole"/> / <see cref="AuditValues.InvalidTokenRole"/>.</summary>
    public required string Role { get; init; }

    public string Subject { get; init; } = "";

    /// <summary>The desk or agency the caller acts for (the token's <c>agency</c> claim).</summary>
    public string Unit { get; init; } = "";

    /// <summary>The gRPC method path, e.g. <c>/dvc.v1.DossierService/AcceptDossier</c>.</summary>
    public required string Method { get; init; }

    /// <summary>The receipt code, payment request id, tracking number or agency code the call named; <see cref="AuditValues.Invalid"/> when malformed.</summary>
    public string Target { get; init; } = "";

    /// <summary><c>OK</c> or the gRPC status code name (<c>PERMISSION_DENIED</c>, ...).</summary>
    public required string Outcome { get; init; }

    /// <summary>The refusal's stable <c>google.rpc.ErrorInfo</c> reason, when there is one.</summary>
    public string Reason { get; init; } = "";

    /// <summary>Why a full record was shown (<c>holding-agency</c>, <c>id-number</c>); empty otherwise.</summary>
    public string Basis { get; init; } = "";

    /// <summary>The dossiers the call concerned: its target's, and those a list, search or feed read returned.</summary>
    public IReadOnlyList<string> Dossiers { get; init; } = [];

    /// <summary>The most dossiers one entry links to (a change-feed page holds at most 1,000 changes).</summary>
    public const int MaxDossiers = 1000;

    /// <summary>An entry from raw values, each sanitised (see <see cref="AuditValues"/>).</summary>
    /// <param name="targetField">The request field the target came from: receipt_code, payment_request_id, tracking_number or agency_code.</param>
    public static AuditEntry Create(DateTimeOffset at, string? role, string? subject, string? unit, string? method, string targetField, string? target,
        string? outcome, string? reason, string? basis, IEnumerable<string>? dossiers = null)
    {
        var checkedTarget = AuditValues.Target(targetField, target, out var dossier);
        var linked = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        if (dossier.Length > 0)
        {
            linked.Add(dossier);
            seen.Add(dossier);
        }

        foreach (var code in dossiers ?? [])
        {
            if (linked.Count >= MaxDossiers)
            {
                break;
            }

            if (ReceiptCode.IsValid(code) && seen.Add(code))
            {
                linked.Add(code);
            }
        }

        var time = AuditValues.Time(at);
        return new AuditEntry
        {
            Id = Guid.CreateVersion7(time),
            At = time,
            Role = AuditValues.Role(role),
            Subject = AuditValues.Escape(subject, AuditValues.MaxSubjectLength),
            Unit = AuditValues.Unit(unit),
            Method = AuditValues.Escape(method, AuditValues.MaxMethodLength),
            Target = checkedTarget,
            Outcome = AuditValues.Escape(outcome, AuditValues.MaxOutcomeLength),
            Reason = AuditValues.Escape(reason, AuditValues.MaxReasonLength),
            Basis = AuditValues.Escape(basis, AuditValues.MaxBasisLength),
            Dossiers = linked,
        };
    }
}
