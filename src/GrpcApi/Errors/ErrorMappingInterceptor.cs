using System.Data.Common;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Storage;

namespace DossierTracking.GrpcApi.Errors;

/// <summary>
/// Turns infrastructure failures into statuses a client can act on: storage or cluster trouble is UNAVAILABLE
/// (retry, with the same request id for creations), a lost write race is ABORTED. Only a genuine bug is INTERNAL,
/// and its details stay in the server log.
/// </summary>
public sealed partial class ErrorMappingInterceptor(ILogger<ErrorMappingInterceptor> logger) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await continuation(request, context);
            }
            catch (Exception exception) when (exception is not RpcException && attempt < MaxAttempts
                && (ClusterMoving(exception) || (Classify(exception) == Kind.LostRace && RetrySafety.HasKey(request)))
                && RetrySafety.MayRetry(context.Method, request, exception) && !context.CancellationToken.IsCancellationRequested)
            {
                // The cluster refused the message, or the silo holding the grain is shutting down or gone: a moment later
                // the grain's new activation takes the call, answering from its stored state. Or, just after a silo died,
                // a keyed change met a second activation's write (a lost race: nothing written); the activation reloads.
                // Only a call that cannot apply twice is run again (RetrySafety): a change that was made after all is then
                // found by its key.
                LogRetried(exception.GetType().Name, context.Method, attempt);
                await Task.Delay(RetryDelay * attempt, context.CancellationToken);
            }
            catch (Exception exception) when (exception is not RpcException)
            {
                throw Map(exception, context);
            }
        }
    }

    private const int MaxAttempts = 3;
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(100);

    private static bool ClusterMoving(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is OrleansMessageRejectionException or SiloUnavailableException)
            {
                return true;
            }
        }

        return false;
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (Exception exception) when (exception is not RpcException)
        {
            throw Map(exception, context);
        }
    }

    /// <summary>Uploads (client streaming): the same mapping, so a storage failure is UNAVAILABLE and a bug INTERNAL, never UNKNOWN.</summary>
    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(requestStream, context);
        }
        catch (Exception exception) when (exception is not RpcException)
        {
            throw Map(exception, context);
        }
    }

    /// <summary>Imports (two-way streaming): the same mapping.</summary>
    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(requestStream, responseStream, context);
        }
        catch (Exception exception) when (exception is not RpcException)
        {
            throw Map(exception, context);
        }
    }

    private RpcException Map(Exception exception, ServerCallContext context)
    {
        if (context.CancellationToken.IsCancellationRequested && exception is OperationCanceledException)
        {
            return new RpcException(new Grpc.Core.Status(StatusCode.Cancelled, "The call was cancelled."));
        }

        switch (Classify(exception))
        {
            case Kind.LostRace:
                LogTransient(exception.GetType().Name, context.Method);
                return ApiErrors.Aborted("CONCURRENT_UPDATE", "The dossier was changed concurrently; read it again and retry.");
            case Kind.Transient:
                LogTransient(exception.GetType().Name, context.Method);
                return ApiErrors.Unavailable("BACKEND_UNAVAILABLE", "Storage or the cluster is temporarily unavailable; retry (creations with the same request_id).");
            default:
                LogUnexpected(exception, context.Method);
                return new RpcException(new Grpc.Core.Status(StatusCode.Internal, "Unexpected server error."));
        }
    }

    private enum Kind { Bug, Transient, LostRace }

    private static Kind Classify(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case InconsistentStateException:
                    return Kind.LostRace;
                case DbException or TimeoutException or SiloUnavailableException or OrleansMessageRejectionException
                    or System.Net.Sockets.SocketException:
                    return Kind.Transient;
                case UnavailableExceptionFallbackException fallback when IsStorageType(fallback.ExceptionType):
                    return Kind.Transient;
                case AggregateException aggregate when aggregate.InnerExceptions.Count > 0:
                    return aggregate.InnerExceptions.Select(Classify).Max();
            }
        }

        return exception is OrleansException ? Kind.Transient : Kind.Bug;
    }

    private static bool IsStorageType(string? typeName) =>
        typeName is not null && (typeName.Contains("Npgsql", StringComparison.Ordinal) || typeName.Contains("Sqlite", StringComparison.Ordinal)
            || typeName.Contains("DbException", StringComparison.Ordinal) || typeName.Contains("Timeout", StringComparison.Ordinal));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Transient failure ({ExceptionType}) in {Method}; answered as retryable")]
    private partial void LogTransient(string exceptionType, string method);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected failure in {Method}")]
    private partial void LogUnexpected(Exception exception, string method);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Method}: {Exception} from the cluster (attempt {Attempt}); retrying")]
    private partial void LogRetried(string exception, string method, int attempt);
}
