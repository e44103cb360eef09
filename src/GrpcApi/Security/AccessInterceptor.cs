using DossierTracking.GrpcApi.Errors;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Options;

namespace DossierTracking.GrpcApi.Security;

/// <summary>
/// Enforces <see cref="ApiAccess"/> before any service code runs. A call that brings credentials must bring valid
/// ones: an expired, wrongly signed or foreign-audience token is UNAUTHENTICATED, never treated as anonymous. A caller
/// without a token is UNAUTHENTICATED unless the method is open; a caller whose role the rule does not list is
/// PERMISSION_DENIED. Neither answer depends on the request, so neither reveals whether a dossier exists.
/// </summary>
public sealed class AccessInterceptor(IOptions<ApiSecurityOptions> options, AuditLog audit) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        var caller = Check(context);
        if (!AuditLog.Audited(context.Method))
        {
            return await continuation(request, context);
        }

        try
        {
            var response = await continuation(request, context);
            audit.Call(context.Method, request, caller, "OK");
            return response;
        }
        catch (RpcException e)
        {
            audit.Call(context.Method, request, caller, e.StatusCode.ToString());
            throw;
        }
        catch (Exception e)
        {
            audit.Call(context.Method, request, caller, e.GetType().Name);
            throw;
        }
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        var caller = Check(context);
        if (AuditLog.Audited(context.Method))
        {
            audit.Call(context.Method, request, caller, "STARTED");
        }

        return continuation(request, responseStream, context);
    }

    public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Check(context);
        return continuation(requestStream, context);
    }

    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Check(context);
        return continuation(requestStream, responseStream, context);
    }

    /// <summary>Refuses the call, or returns who makes it.</summary>
    private Caller Check(ServerCallContext context)
    {
        var http = context.GetHttpContext();
        var authenticated = http.User.Identity?.IsAuthenticated == true;
        if (!authenticated && http.Request.Headers.Authorization.Count > 0)
        {
            throw ApiErrors.Unauthenticated("The bearer token is not valid here: expired, not yet valid, wrongly signed, issued for another audience, or valid for longer than allowed.");
        }

        var caller = Caller.From(http.User);
        if (options.Value.OpenReflection && ApiAccess.IsReflection(context.Method))
        {
            return caller;
        }

        if (!ApiAccess.Rules.TryGetValue(context.Method, out var access))
        {
            throw ApiErrors.PermissionDenied("NO_ACCESS_RULE", "This method has no access rule: nobody may call it.");
        }

        if (!authenticated)
        {
            if (access.Anonymous)
            {
                return caller;
            }

            throw ApiErrors.Unauthenticated("This method needs a bearer token (Authorization: Bearer ...).");
        }

        if (!Roles.All.Contains(caller.Role) || !access.Allows(caller.Role))
        {
            throw ApiErrors.PermissionDenied("ROLE_NOT_ALLOWED", $"A caller with role '{caller.Role}' may not call {context.Method}.");
        }

        if (caller.IsOfficer && caller.AgencyCode.Length == 0)
        {
            throw ApiErrors.PermissionDenied("NO_AGENCY", "An officer's token must name the agency the officer acts for (claim 'agency').");
        }

        return caller;
    }
}
