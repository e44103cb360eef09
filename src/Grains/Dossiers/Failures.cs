using DossierTracking.Contracts.Dossiers;

namespace DossierTracking.Grains.Dossiers;

/// <summary>The refusals the domain gives, with their stable reason codes.</summary>
public static class Failures
{
    public static Failure Invalid(string field, string reason, string message) =>
        new() { Kind = FailureKind.InvalidArgument, Reason = reason, Message = message, Field = field };

    public static Failure DossierNotFound(string receiptCode) =>
        new() { Kind = FailureKind.NotFound, Reason = "DOSSIER_NOT_FOUND", Message = $"No dossier has receipt code {receiptCode}.", Field = "receipt_code" };

    public static Failure NotFound(string field, string reason, string message) =>
        new() { Kind = FailureKind.NotFound, Reason = reason, Message = message, Field = field };

    public static Failure PartyNotAllowed(Party party, string action) =>
        new() { Kind = FailureKind.PermissionDenied, Reason = "PARTY_NOT_ALLOWED", Message = $"A {party} may not {action}." };

    public static Failure OutsideAgency(Party party, string action) =>
        new() { Kind = FailureKind.PermissionDenied, Reason = "OUTSIDE_AGENCY", Message = $"Only a {party} of the unit that holds the dossier may {action}." };

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
        new() { Kind = FailureKind.AlreadyExists, Reason = "REQUEST_ID_REUSED", Message = $"Request id {requestId} was already used for a different dossier.", Field = "request_id" };
}
