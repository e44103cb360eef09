using DossierTracking.Contracts.Catalog;
using DossierTracking.Contracts.Audit;
using DossierTracking.GrpcApi.Errors;
using DossierTracking.GrpcApi.Telemetry;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Options;

namespace DossierTracking.GrpcApi.Security;

/// <summary>
/// Enforces <see cref="ApiAccess"/> before any service code runs. A call that brings credentials must bring valid
/// ones: an expired, wrongly signed or foreign-audience token is UNAUTHENTICATED, never treated as anonymous. A caller
/// without a token is UNAUTHENTICATED unless the method is open; a caller whose role the rule does not list is
/// PERMISSION_DENIED. Neither answer depends on the request, so neither reveals whether a dossier exists.
/// Every refusal is audited, and so is every call the method's <see cref="AuditCoverage"/> asks for, with its outcome:
/// this interceptor runs outside the error mapping, so it sees the status the client gets, once per call. For the
/// same reason it counts every refusal for the metrics (<see cref="ApiMetrics.Refused"/>), audited or not.
/// </summary>
public sealed class AccessInterceptor(IOptions<ApiSecurityOptions> options, AuditLog audit, ApiMetrics metrics, IProvinces provinces) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        var caller = CheckAudited(context, request);
        var coverage = AuditLog.CoverageOf(context.Method);
        try
        {
            var response = await continuation(request, context);
            if (coverage == AuditCoverage.Every)
            {
                audit.Answered(context.Method, caller, request, response);
            }

            return response;
        }
        catch (RpcException e)
        {
            metrics.Refused(e);
            if (coverage != AuditCoverage.AccessRefusals)
            {
                audit.Refused(context.Method, caller, request, e);
            }

            throw;
        }
        catch (Exception) when (coverage != AuditCoverage.AccessRefusals)
        {
            audit.Failed(context.Method, caller, request);
            throw;
        }
    }

    /// <summary>A stream (a watch) is audited once, when it ends, with how it ended.</summary>
    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        var caller = CheckAudited(context, request);
        var audited = AuditLog.CoverageOf(context.Method) != AuditCoverage.AccessRefusals;
        try
        {
            await continuation(request, responseStream, context);
            if (audited)
            {
                audit.Answered(context.Method, caller, request, null);
            }
        }
        catch (RpcException e)
        {
            metrics.Refused(e);
            if (audited)
            {
                audit.Refused(context.Method, caller, request, e);
            }

            throw;
        }
        catch (Exception) when (audited)
        {
            audit.Failed(context.Method, caller, request);
            throw;
        }
    }

    public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        CheckAudited(context, null);
        return continuation(requestStream, context);
    }

    /// <summary>A two-way stream (an import run) is audited once, when it ends, with how it ended; the service records what it changed.</summary>
    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        var caller = CheckAudited(context, null);
        var audited = AuditLog.CoverageOf(context.Method) != AuditCoverage.AccessRefusals;
        try
        {
            await continuation(requestStream, responseStream, context);
            if (audited)
            {
                audit.Answered(context.Method, caller, null, null);
            }
        }
        catch (RpcException e)
        {
            metrics.Refused(e);
            if (audited)
            {
                audit.Refused(context.Method, caller, null, e);
            }

            throw;
        }
        catch (Exception) when (audited)
        {
            audit.Failed(context.Method, caller, null);
            throw;
        }
    }

    /// <summary>The access check; a refusal is audited whatever the method, with the caller as far as it is known.</summary>
    private Caller CheckAudited(ServerCallContext context, object? request)
    {
        try
        {
            return Check(context);
        }
        catch (RpcException refusal)
        {
            metrics.Refused(refusal);
            audit.Refused(context.Method, RefusedCaller(context), request, refusal);
            throw;
        }
    }

    /// <summary>Who a refused caller is: its token's claims when the token was valid, else anonymous or invalid-token.</summary>
    private static Caller RefusedCaller(ServerCallContext context)
    {
        var http = context.GetHttpContext();
        return http.User.Identity?.IsAuthenticated == true ? Caller.From(http.User)
            : http.Request.Headers.Authorization.Count > 0 ? InvalidToken
            : Caller.Anonymous;
    }

    private static readonly Caller InvalidToken = new(AuditValues.InvalidTokenRole, "", "", "");

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

        if (caller.Role == Roles.Supervisor && !provinces.Serves(caller.AgencyCode))
        {
            // A supervisor reads one province: its token names it, unless this deployment serves a single province.
            throw ApiErrors.PermissionDenied("NO_PROVINCE", "A supervisor's token must name a province served here as its unit (claim 'agency', e.g. H49).");
        }

        return caller;
    }
}
