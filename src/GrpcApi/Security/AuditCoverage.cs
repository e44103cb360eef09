namespace DossierTracking.GrpcApi.Security;

/// <summary>Which calls of a method the audit records.</summary>
public enum AuditCoverage
{
    /// <summary>Only refusals by the access check: public reference data, health, reflection, diagnostics.</summary>
    AccessRefusals = 0,

    /// <summary>Every refusal; an answer only when it shows a full record (the service records that, with its basis): lookups.</summary>
    Refusals = 1,

    /// <summary>Every call, whatever its outcome: changes, lists, searches, reports, feed reads, the audit itself.</summary>
    Every = 2,
}
