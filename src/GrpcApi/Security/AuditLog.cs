using System.Collections.Concurrent;
using DossierTracking.Contracts.Audit;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Rpc;
using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace DossierTracking.GrpcApi.Security;

/// <summary>
/// The audit trail (Decree 13/2023: a person may learn who processed their data): who did what, when, to which
/// dossier, payment request, shipment, agency or webhook subscription, and how it ended. Each audited call becomes one entry, handed to the
/// <see cref="IAuditSink"/> (stored in the database in batches, queried through dvc.v1.AuditService) and written as
/// one line of the log category <c>DossierTracking.Audit</c> for operators. Both carry the same sanitised values
/// (<see cref="AuditValues"/>): a target is written only when well formed, no text carries a line break or control
/// character. Entries name callers by role, subject and unit and dossiers by receipt code; never an applicant's
/// personal data.
/// </summary>
public sealed partial class AuditLog(ILoggerFactory loggers, IAuditSink sink)
{
    private const string LookupMethod = "/dvc.v1.DossierService/GetDossier";

    /// <summary>The request fields that name what a call is about, in the order they are looked for.</summary>
    private static readonly string[] TargetFields = ["receipt_code", "payment_request_id", "tracking_number", "agency_code", AuditValues.SubscriptionTargetField];

    private static readonly ConcurrentDictionary<MessageDescriptor, FieldDescriptor?> TargetFieldOf = new();
    private static readonly ConcurrentDictionary<MessageDescriptor, DossierFields> DossierFieldsOf = new();

    /// <summary>Where a response names dossiers: its own receipt_code (a dossier), and repeated messages with one (a list, a feed page).</summary>
    private sealed record DossierFields(FieldDescriptor? Code, (FieldDescriptor List, FieldDescriptor Code)[] Lists);

    private readonly ILogger _log = loggers.CreateLogger("DossierTracking.Audit");

    public static AuditCoverage CoverageOf(string method) =>
        method.StartsWith("/dvc.v1.CatalogService/", StringComparison.Ordinal)
        || method.StartsWith("/grpc.", StringComparison.Ordinal)
        || method.StartsWith("/dvc.probe.", StringComparison.Ordinal) ? AuditCoverage.AccessRefusals
        : method == LookupMethod ? AuditCoverage.Refusals
        : AuditCoverage.Every;

    /// <summary>A call answered OK. The dossiers a list, search or feed read returned are linked to the entry.</summary>
    public void Answered(string method, Caller caller, object? request, object? response) =>
        Record(method, caller, request, response, "OK", "", "");

    /// <summary>A call refused, by the access check or further in.</summary>
    public void Refused(string method, Caller caller, object? request, RpcException refusal) =>
        Record(method, caller, request, null, StatusName(refusal.StatusCode), ReasonOf(refusal), "");

    /// <summary>A call that failed with something other than a status (the error mapping turns everything into one, so this is a bug).</summary>
    public void Failed(string method, Caller caller, object? request) => Record(method, caller, request, null, "UNKNOWN", "", "");

    /// <summary>A lookup that showed the full record, and on what basis.</summary>
    public void FullRecordRead(string receiptCode, Caller caller, string basis)
    {
        var entry = AuditEntry.Create(DateTimeOffset.UtcNow, caller.Role, caller.PersonId, caller.AgencyCode, LookupMethod, "receipt_code", receiptCode, "OK", "", basis);
        sink.TryAppend(entry);
        if (_log.IsEnabled(LogLevel.Information))
        {
            LogFullRead(entry.At, entry.Target, entry.Role, entry.Subject, entry.Unit, entry.Basis);
        }
    }

    private void Record(string method, Caller caller, object? request, object? response, string outcome, string reason, string basis)
    {
        var (field, target) = TargetOf(request as IMessage);
        if (string.IsNullOrEmpty(target) && CreatedSubscriptionOf(response as IMessage) is { } created)
        {
            (field, target) = (AuditValues.SubscriptionTargetField, created);
        }

        var entry = AuditEntry.Create(DateTimeOffset.UtcNow, caller.Role, caller.PersonId, caller.AgencyCode, method, field, target, outcome, reason, basis,
            DossiersIn(response as IMessage));
        sink.TryAppend(entry);
        if (_log.IsEnabled(LogLevel.Information))
        {
            LogCall(entry.At, entry.Method, entry.Target, entry.Role, entry.Subject, entry.Unit, entry.Outcome, entry.Reason);
        }
    }

    /// <summary>The dossier, payment request, shipment or agency a request is about (never a personal field), unchecked.</summary>
    private static (string Field, string? Value) TargetOf(IMessage? request)
    {
        if (request is null || TargetFieldOf.GetOrAdd(request.Descriptor, FindTargetField) is not { } field)
        {
            return ("", null);
        }

        return (field.Name, field.Accessor.GetValue(request) as string);
    }

    /// <summary>The id of the subscription a creation answered with: a new subscription is named only by the answer.</summary>
    private static string? CreatedSubscriptionOf(IMessage? response) =>
        response?.Descriptor.FindFieldByName("subscription") is { FieldType: FieldType.Message, IsRepeated: false } field
        && field.Accessor.GetValue(response) is IMessage created
        && created.Descriptor.FindFieldByName(AuditValues.SubscriptionTargetField) is { FieldType: FieldType.String, IsRepeated: false } id
            ? id.Accessor.GetValue(created) as string
            : null;

    private static FieldDescriptor? FindTargetField(MessageDescriptor descriptor) =>
        TargetFields.Select(descriptor.FindFieldByName).FirstOrDefault(f => f is { FieldType: FieldType.String, IsRepeated: false });

    /// <summary>The receipt codes of the dossiers a response shows: the dossier it is, or those it lists (lists, searches, feed pages).</summary>
    private static IEnumerable<string> DossiersIn(IMessage? response)
    {
        if (response is null)
        {
            yield break;
        }

        var fields = DossierFieldsOf.GetOrAdd(response.Descriptor, FindDossierFields);
        if (fields.Code?.Accessor.GetValue(response) is string { Length: > 0 } own)
        {
            yield return own;
        }

        foreach (var (list, code) in fields.Lists)
        {
            foreach (var item in (System.Collections.IList)list.Accessor.GetValue(response))
            {
                if (code.Accessor.GetValue((IMessage)item!) is string { Length: > 0 } receiptCode)
                {
                    yield return receiptCode;
                }
            }
        }
    }

    private static DossierFields FindDossierFields(MessageDescriptor descriptor) => new(
        ReceiptCodeField(descriptor),
        [.. descriptor.Fields.InDeclarationOrder()
            .Where(f => f.IsRepeated && f.FieldType == FieldType.Message)
            .Select(f => (List: f, Code: ReceiptCodeField(f.MessageType)))
            .Where(p => p.Code is not null)
            .Select(p => (p.List, p.Code!))]);

    private static FieldDescriptor? ReceiptCodeField(MessageDescriptor descriptor) =>
        descriptor.FindFieldByName("receipt_code") is { FieldType: FieldType.String, IsRepeated: false } field ? field : null;

    private static string ReasonOf(RpcException refusal)
    {
        try
        {
            return refusal.GetRpcStatus()?.GetDetail<ErrorInfo>()?.Reason ?? "";
        }
        catch (InvalidProtocolBufferException)
        {
            return "";
        }
    }

    /// <summary>The canonical gRPC name of a status code (<c>PERMISSION_DENIED</c>).</summary>
    public static string StatusName(StatusCode code) => code switch
    {
        StatusCode.OK => "OK",
        StatusCode.Cancelled => "CANCELLED",
        StatusCode.InvalidArgument => "INVALID_ARGUMENT",
        StatusCode.DeadlineExceeded => "DEADLINE_EXCEEDED",
        StatusCode.NotFound => "NOT_FOUND",
        StatusCode.AlreadyExists => "ALREADY_EXISTS",
        StatusCode.PermissionDenied => "PERMISSION_DENIED",
        StatusCode.ResourceExhausted => "RESOURCE_EXHAUSTED",
        StatusCode.FailedPrecondition => "FAILED_PRECONDITION",
        StatusCode.Aborted => "ABORTED",
        StatusCode.OutOfRange => "OUT_OF_RANGE",
        StatusCode.Unimplemented => "UNIMPLEMENTED",
        StatusCode.Internal => "INTERNAL",
        StatusCode.Unavailable => "UNAVAILABLE",
        StatusCode.DataLoss => "DATA_LOSS",
        StatusCode.Unauthenticated => "UNAUTHENTICATED",
        _ => "UNKNOWN",
    };

    [LoggerMessage(EventId = 9001, Level = LogLevel.Information,
        Message = "AUDIT {At:o} call {Method} target={Target} role={Role} subject={Subject} agency={Agency} outcome={Outcome} reason={Reason}")]
    private partial void LogCall(DateTimeOffset at, string method, string target, string role, string subject, string agency, string outcome, string reason);

    [LoggerMessage(EventId = 9002, Level = LogLevel.Information,
        Message = "AUDIT {At:o} full-record {ReceiptCode} role={Role} subject={Subject} agency={Agency} basis={Basis}")]
    private partial void LogFullRead(DateTimeOffset at, string receiptCode, string role, string subject, string agency, string basis);
}
