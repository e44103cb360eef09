using DossierTracking.Contracts.Dossiers;

namespace DossierTracking.Domain.Dossiers;

/// <summary>The refusals the domain gives, with their stable reason codes.</summary>
public static class Failures
{
    public static Failure Invalid(string field, string reason, string message) =>
        new() { Kind = FailureKind.InvalidArgument, Reason = reason, Message = message, Field = field };

    public static Failure DossierNotFound(string receiptCode) =>
        new() { Kind = FailureKind.NotFound, Reason = "DOSSIER_NOT_FOUND", Message = $"No dossier has receipt code {receiptCode}.", Field = "receipt_code" };

    /// <summary>No dossier has the receipt code (said only to callers who may see any dossier, or the public view).</summary>
    public static Failure UnknownDossier() =>
        new() { Kind = FailureKind.NotFound, Reason = "DOSSIER_NOT_FOUND", Message = "No dossier has this receipt code.", Field = "receipt_code" };

    public static Failure NotFound(string field, string reason, string message) =>
        new() { Kind = FailureKind.NotFound, Reason = reason, Message = message, Field = field };

    public static Failure PartyNotAllowed(Party party, string action) =>
        new() { Kind = FailureKind.PermissionDenied, Reason = "PARTY_NOT_ALLOWED", Message = $"A {party} may not {action}." };

    public static Failure OutsideAgency(Party party, string action) =>
        new() { Kind = FailureKind.PermissionDenied, Reason = "OUTSIDE_AGENCY", Message = $"Only a {party} of the unit that holds the dossier may {action}." };

    /// <summary>The reason of a refusal that the applicant's second factor could lift (a portal or citizen acting on a dossier not theirs).</summary>
    public const string NotYourDossierReason = "NOT_YOUR_DOSSIER";

    /// <summary>
    /// A caller of the right kind acting on an object that is not theirs. The answer is the same whether or not the
    /// object exists, so that it tells nothing about other callers' dossiers, payment requests or shipments.
    /// </summary>
    public static Failure NotYours(Party party, string action) => party switch
    {
        Party.DeskOfficer or Party.AgencyOfficer or Party.AgencyLeader => OutsideAgency(party, action),
        Party.PaymentIntermediary => new()
        {
            Kind = FailureKind.PermissionDenied,
            Reason = "NOT_YOUR_PAYMENT_REQUEST",
            Message = "An intermediary reports on and reads only payment requests bound to it (or bound to none yet).",
        },
        Party.PostalService => new()
        {
            Kind = FailureKind.PermissionDenied,
            Reason = "NOT_YOUR_SHIPMENT",
            Message = "A postal operator reports on and reads only the shipments it carries.",
        },
        _ => new()
        {
            Kind = FailureKind.PermissionDenied,
            Reason = NotYourDossierReason,
            Message = $"Only the portal that submitted the dossier, or the applicant with its lookup PIN (a citizen also with their ID number), may {action} it.",
        },
    };

    /// <summary>A per-dossier limit (<see cref="DossierLimits"/>) is reached: the change is refused and changes nothing.</summary>
    public static Failure LimitReached(string reason, string message) =>
        new() { Kind = FailureKind.ResourceExhausted, Reason = reason, Message = message };

    public static Failure TooLong(string field, int max) =>
        Invalid(field, "TOO_LONG", $"{field} is limited to {max:N0} characters.");

    public static Failure IllegalTransition(DossierState current, string action, IEnumerable<DossierState> allowedFrom) =>
        new()
        {
            Kind = FailureKind.FailedPrecondition,
            Reason = "ILLEGAL_TRANSITION",
            Message = $"Cannot {action} a dossier in state {current} ({(int)current}); allowed from {string.Join(", ", allowedFrom.Select(s => $"{s} ({(int)s})"))}.",
            CurrentState = current,
        };

    public static Failure Precondition(DossierState current, string reason, string message) =>
        new() { Kind = FailureKind.FailedPrecondition, Reason = reason, Message = message, CurrentState = current };

    public static Failure VersionMismatch(long expected, long actual) =>
        new() { Kind = FailureKind.Aborted, Reason = "VERSION_MISMATCH", Message = $"The dossier is at version {actual}, not {expected}: read it again and retry.", Field = "expected_version" };

    public static Failure RequestIdReused(string requestId) =>
        new() { Kind = FailureKind.AlreadyExists, Reason = "REQUEST_ID_REUSED", Message = $"request_id {requestId} was already used for a different request.", Field = "request_id" };
}
