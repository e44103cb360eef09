using Google.Protobuf;
using Microsoft.Extensions.Logging;

namespace DossierTracking.GrpcApi.Security;

/// <summary>
/// The audit trail (log category <c>DossierTracking.Audit</c>): who did what, when, to which dossier or agency, and
/// how it ended: every change and every read of personal data. It names callers by role, subject and agency and
/// dossiers by receipt code; it never carries an applicant's personal data.
/// </summary>
public sealed partial class AuditLog(ILoggerFactory loggers)
{
    private readonly ILogger _log = loggers.CreateLogger("DossierTracking.Audit");

    /// <summary>Methods whose calls are not audited: public reference data, health, reflection, diagnostics, and lookups (audited when they show a full record).</summary>
    public static bool Audited(string method) =>
        !(method.StartsWith("/dvc.v1.CatalogService/", StringComparison.Ordinal)
          || method.StartsWith("/grpc.", StringComparison.Ordinal)
          || method.StartsWith("/dvc.probe.", StringComparison.Ordinal)
          || method == "/dvc.v1.DossierService/GetDossier");

    public void Call(string method, object request, Caller caller, string outcome)
    {
        if (_log.IsEnabled(LogLevel.Information))
        {
            LogCall(DateTimeOffset.UtcNow, method, TargetOf(request), caller.Role, caller.PersonId, caller.AgencyCode, outcome);
        }
    }

    public void FullRecordRead(string receiptCode, Caller caller, string basis) =>
        LogFullRead(DateTimeOffset.UtcNow, receiptCode, caller.IsAnonymous ? "anonymous" : caller.Role, caller.PersonId, caller.AgencyCode, basis);

    /// <summary>The dossier, payment request, shipment or agency a request is about (never a personal field).</summary>
    private static string TargetOf(object request)
    {
        if (request is not IMessage message)
        {
            return "";
        }

        foreach (var name in (string[])["receipt_code", "payment_request_id", "tracking_number", "agency_code"])
        {
            if (message.Descriptor.FindFieldByName(name) is { } field && field.Accessor.GetValue(message) is string { Length: > 0 } value)
            {
                return value;
            }
        }

        return "";
    }

    [LoggerMessage(EventId = 9001, Level = LogLevel.Information,
        Message = "AUDIT {At:o} call {Method} target={Target} role={Role} subject={Subject} agency={Agency} outcome={Outcome}")]
    private partial void LogCall(DateTimeOffset at, string method, string target, string role, string subject, string agency, string outcome);

    [LoggerMessage(EventId = 9002, Level = LogLevel.Information,
        Message = "AUDIT {At:o} full-record {ReceiptCode} role={Role} subject={Subject} agency={Agency} basis={Basis}")]
    private partial void LogFullRead(DateTimeOffset at, string receiptCode, string role, string subject, string agency, string basis);
}
