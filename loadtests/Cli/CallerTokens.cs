using System.Collections.Concurrent;
using DossierTracking.GrpcApi.V1;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace DossierTracking.LoadTests.Cli;

/// <summary>
/// Signs every call as the caller that would make it in production, with the silo's signing key (environment:
/// <c>DVC_SIGNING_KEY</c>, base64, and <c>DVC_SIGNING_KEY_ID</c>; run.sh sets both): a change as the officer or portal
/// named in its request, the probe as an operator, agency figures as a supervisor. Lookups go anonymous, as a
/// citizen's would. Tokens are made once per caller and reused.
/// </summary>
public sealed class CallerTokens : Interceptor
{
    private readonly SymmetricSecurityKey _key;
    private readonly ConcurrentDictionary<string, string> _tokens = new();

    private CallerTokens(SymmetricSecurityKey key) => _key = key;

    /// <summary>The interceptor for a key the caller made itself and gave the silos (the crash benchmark).</summary>
    public static CallerTokens ForKey(byte[] key, string keyId) => new(new SymmetricSecurityKey(key) { KeyId = keyId });

    /// <summary>The interceptor, or null when no key is given (a silo that accepts no token will refuse most calls).</summary>
    public static CallerTokens? FromEnvironment() =>
        Environment.GetEnvironmentVariable("DVC_SIGNING_KEY") is { Length: > 0 } key
            ? new CallerTokens(new SymmetricSecurityKey(Convert.FromBase64String(key)) { KeyId = Environment.GetEnvironmentVariable("DVC_SIGNING_KEY_ID") ?? "" })
            : null;

    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(TRequest request, ClientInterceptorContext<TRequest, TResponse> context,
        AsyncUnaryCallContinuation<TRequest, TResponse> continuation)
    {
        var (role, subject, agency) = CallerFor(context.Method.FullName, request as IMessage);
        if (role is null)
        {
            return continuation(request, context);
        }

        var token = _tokens.GetOrAdd($"{role}|{subject}|{agency}", _ => Issue(role, subject, agency));
        var headers = new Metadata { { "Authorization", "Bearer " + token } };
        foreach (var entry in context.Options.Headers ?? [])
        {
            headers.Add(entry);
        }

        return continuation(request, new ClientInterceptorContext<TRequest, TResponse>(context.Method, context.Host, context.Options.WithHeaders(headers)));
    }

    private static (string? Role, string Subject, string Agency) CallerFor(string method, IMessage? request)
    {
        if (request?.Descriptor.FindFieldByName("actor")?.Accessor.GetValue(request) is Actor { Party: not Party.Unspecified } actor)
        {
            var role = actor.Party switch
            {
                Party.Portal => "portal",
                Party.DeskOfficer => "desk_officer",
                Party.AgencyOfficer => "agency_officer",
                Party.AgencyLeader => "agency_leader",
                Party.PaymentIntermediary => "payment",
                Party.PostalService => "postal",
                _ => "system",
            };
            return (role, actor.PersonId, actor.AgencyCode);
        }

        return method switch
        {
            _ when method.StartsWith("/dvc.probe.", StringComparison.Ordinal) => ("operator", "loadtest", ""),
            _ when method.StartsWith("/dvc.v1.SubscriptionService/", StringComparison.Ordinal) => ("admin", "loadtest", ""),
            _ when method.StartsWith("/dvc.v1.AgencyService/", StringComparison.Ordinal) || method.StartsWith("/dvc.v1.ReportService/", StringComparison.Ordinal)
                => ("supervisor", "loadtest", ""),
            _ => (null, "", ""),
        };
    }

    /// <summary>A token of an operator, for the silo's HTTP endpoints (/metrics).</summary>
    public string OperatorToken() => _tokens.GetOrAdd("operator|loadtest-operator|", _ => Issue("operator", "loadtest-operator", ""));

    /// <summary>A token of an administrator, for the import stream (a streaming call, which this interceptor does not sign).</summary>
    public string AdminToken() => _tokens.GetOrAdd("admin|loadtest-import|", _ => Issue("admin", "loadtest-import", ""));

    private string Issue(string role, string subject, string agency)
    {
        var claims = new Dictionary<string, object> { ["role"] = role, ["sub"] = subject };
        if (agency.Length > 0)
        {
            claims["agency"] = agency;
        }

        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Environment.GetEnvironmentVariable("DVC_TOKEN_ISSUER") ?? "dossier-tracking",
            Audience = Environment.GetEnvironmentVariable("DVC_TOKEN_AUDIENCE") ?? "dvc-api",
            Claims = claims,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddHours(12),
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.HmacSha256),
        });
    }
}
