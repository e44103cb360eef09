using Google.Protobuf;
using Orleans.Runtime;

namespace DossierTracking.GrpcApi.Errors;

/// <summary>
/// When the server may run a call again after the cluster failed it: a read always; a change when its request carries
/// the caller's idempotency key (request_id, or a partner's transaction_id or event_id), so a second run finds the
/// first in the dossier and changes nothing; any call when the cluster refused the message before it was delivered
/// (nothing ran). A change without a key whose silo died mid-call is not run again: it may have been applied.
/// </summary>
public static class RetrySafety
{
    private static readonly string[] ReadPrefixes = ["Get", "List", "Find", "Read", "Watch", "Check", "Echo", "ServerReflectionInfo"];
    private static readonly string[] KeyFields = ["request_id", "transaction_id", "event_id"];

    public static bool MayRetry(string method, object request, Exception failure) =>
        IsRead(method) || HasKey(request) || RefusedBeforeDelivery(failure);

    public static bool IsRead(string method)
    {
        var name = method[(method.LastIndexOf('/') + 1)..];
        return ReadPrefixes.Any(prefix => name.StartsWith(prefix, StringComparison.Ordinal));
    }

    public static bool HasKey(object request) =>
        request is IMessage message
        && KeyFields.Any(name => message.Descriptor.FindFieldByName(name) is { } field && field.Accessor.GetValue(message) is string { Length: > 0 });

    private static bool RefusedBeforeDelivery(Exception failure)
    {
        for (var e = failure; e is not null; e = e.InnerException)
        {
            if (e is OrleansMessageRejectionException)
            {
                return true;
            }
        }

        return false;
    }
}
