using DossierTracking.Contracts.Dossiers;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Status = Google.Rpc.Status;

namespace DossierTracking.GrpcApi.Errors;

/// <summary>
/// Builds the errors clients see: a gRPC status code, a message, and google.rpc details (an ErrorInfo with a stable
/// reason; a BadRequest naming the field for bad input) so clients can act without parsing messages.
/// </summary>
public static class ApiErrors
{
    /// <summary>The ErrorInfo domain of this service.</summary>
    public const string Domain = "dossier-tracking.h49";

    public static RpcException Invalid(string field, string reason, string message)
    {
        var status = Build(Code.InvalidArgument, reason, message, field);
        return status.ToRpcException();
    }

    public static RpcException NotFound(string field, string reason, string message) =>
        Build(Code.NotFound, reason, message, field).ToRpcException();

    public static RpcException Unavailable(string reason, string message) =>
        Build(Code.Unavailable, reason, message, null).ToRpcException();

    public static RpcException Unauthenticated(string message) =>
        Build(Code.Unauthenticated, "UNAUTHENTICATED", message, null).ToRpcException();

    public static RpcException PermissionDenied(string reason, string message) =>
        Build(Code.PermissionDenied, reason, message, null).ToRpcException();

    public static RpcException ResourceExhausted(string reason, string message) =>
        Build(Code.ResourceExhausted, reason, message, null).ToRpcException();

    /// <summary>A position outside what is kept; the ErrorInfo's metadata <c>oldest_position</c> says where reading can resume.</summary>
    public static RpcException OutOfRange(string field, string reason, string message, long oldestPosition)
    {
        var status = Build(Code.OutOfRange, reason, message, field);
        var info = status.Details[0].Unpack<ErrorInfo>();
        info.Metadata["oldest_position"] = oldestPosition.ToString(System.Globalization.CultureInfo.InvariantCulture);
        status.Details[0] = Any.Pack(info);
        return status.ToRpcException();
    }

    /// <summary>Stored bytes lost or damaged: nothing wrong was sent, and a retry will not help until they are restored.</summary>
    public static RpcException DataLoss(string reason, string message) =>
        Build(Code.DataLoss, reason, message, null).ToRpcException();

    public static RpcException Aborted(string reason, string message) =>
        Build(Code.Aborted, reason, message, null).ToRpcException();

    public static RpcException FromFailure(Failure failure)
    {
        var code = failure.Kind switch
        {
            FailureKind.InvalidArgument => Code.InvalidArgument,
            FailureKind.NotFound => Code.NotFound,
            FailureKind.FailedPrecondition => Code.FailedPrecondition,
            FailureKind.PermissionDenied => Code.PermissionDenied,
            FailureKind.Aborted => Code.Aborted,
            FailureKind.AlreadyExists => Code.AlreadyExists,
            FailureKind.ResourceExhausted => Code.ResourceExhausted,
            FailureKind.OutOfRange => Code.OutOfRange,
            _ => Code.FailedPrecondition,
        };
        // The field at fault: a bad input, or a request id already used for another request.
        var status = Build(code, failure.Reason, failure.Message, failure.Kind is FailureKind.InvalidArgument or FailureKind.AlreadyExists or FailureKind.OutOfRange ? failure.Field : null);
        if (failure.CurrentState is { } state)
        {
            var info = status.Details[0].Unpack<ErrorInfo>();
            info.Metadata["current_state"] = state.ToString();
            info.Metadata["current_state_code"] = ((int)state).ToString(System.Globalization.CultureInfo.InvariantCulture);
            status.Details[0] = Any.Pack(info);
        }

        return status.ToRpcException();
    }

    private static Status Build(Code code, string reason, string message, string? field)
    {
        var status = new Status
        {
            Code = (int)code,
            Message = message,
            Details = { Any.Pack(new ErrorInfo { Reason = reason, Domain = Domain }) },
        };
        if (field is not null)
        {
            status.Details.Add(Any.Pack(new BadRequest
            {
                FieldViolations = { new BadRequest.Types.FieldViolation { Field = field, Description = message, Reason = reason } },
            }));
        }

        return status;
    }
}
