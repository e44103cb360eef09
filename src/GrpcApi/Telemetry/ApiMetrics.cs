using System.Diagnostics;
using System.Diagnostics.Metrics;
using DossierTracking.Contracts;
using DossierTracking.GrpcApi.Security;
using Google.Protobuf;
using Google.Rpc;
using Grpc.Core;

namespace DossierTracking.GrpcApi.Telemetry;

/// <summary>
/// The API's instruments on the meter <see cref="DomainMeter.Name"/>: lookups by what they showed, and every call that
/// did not end OK, by gRPC status and <c>ErrorInfo</c> reason (the same values the audit records). A lookup is one add
/// with a ready tag; a refusal's reason is read from its details only when an exporter listens.
/// </summary>
public sealed class ApiMetrics
{
    private static readonly KeyValuePair<string, object?> PublicView = new("view", "public");
    private static readonly KeyValuePair<string, object?> FullRecord = new("view", "full");

    private readonly Counter<long> _lookups;
    private readonly Counter<long> _refusals;

    public ApiMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(DomainMeter.Name);
        _lookups = meter.CreateCounter<long>("dvc.dossier.lookups", "{lookup}",
            "Dossiers shown by GetDossier, by view: public (progress only) or full (the whole record).");
        _refusals = meter.CreateCounter<long>("dvc.api.refusals", "{call}",
            "Calls answered with a status other than OK, by status (PERMISSION_DENIED, ...) and reason (the ErrorInfo reason; none when absent).");
    }

    public void LookedUp(bool full) => _lookups.Add(1, full ? FullRecord : PublicView);

    public void Refused(RpcException refusal)
    {
        if (!_refusals.Enabled)
        {
            return;
        }

        var tags = new TagList
        {
            { "status", AuditLog.StatusName(refusal.StatusCode) },
            { "reason", ReasonOf(refusal) },
        };
        _refusals.Add(1, in tags);
    }

    /// <summary>The ErrorInfo reason: one of the service's fixed reasons (README "Refusal reasons"), so the tag stays bounded.</summary>
    private static string ReasonOf(RpcException refusal)
    {
        try
        {
            return refusal.GetRpcStatus()?.GetDetail<ErrorInfo>()?.Reason is { Length: > 0 } reason ? reason : "none";
        }
        catch (InvalidProtocolBufferException)
        {
            return "none";
        }
    }
}
