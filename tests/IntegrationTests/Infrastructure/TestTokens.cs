using DossierTracking.GrpcApi.Security;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using V1 = DossierTracking.GrpcApi.V1;

namespace DossierTracking.IntegrationTests.Infrastructure;

/// <summary>
/// Tokens for tests, signed with a test key the hosts under test are configured with. The service takes the actor of
/// every change from the token, never from the request; <see cref="AsRequestActor"/> lets the lifecycle tests keep
/// writing who acts in the request and signs each call as that actor, and gives the other calls a caller of the role
/// that normally makes them. Access tests use explicit tokens (<see cref="For"/>).
/// </summary>
public static class TestTokens
{
    public const string Issuer = "dossier-tracking";
    public const string Audience = "dvc-api";

    public static readonly SigningKey Key = new() { Id = "test-1", Key = "dGVzdC1zaWduaW5nLWtleS1vZi10aGUtaW50ZWdyYXRpb24tdGVzdHM=" };

    /// <summary>The settings that make a host accept these tokens.</summary>
    public static IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["Auth:Issuer"] = Issuer,
        ["Auth:Audience"] = Audience,
        ["Auth:SigningKeys:0:Id"] = Key.Id,
        ["Auth:SigningKeys:0:Key"] = Key.Key,
    };

    /// <summary>The same settings as environment variables, for silo processes.</summary>
    public static IReadOnlyDictionary<string, string> Environment { get; } =
        Settings.ToDictionary(s => s.Key.Replace(":", "__"), s => s.Value!);

    public static string For(string role, string subject = "t-1", string agency = "", string name = "", TimeSpan? lifetime = null, SigningKey? key = null,
        string audience = Audience, DateTimeOffset? now = null) =>
        TokenIssuer.Issue(key ?? Key, Issuer, audience, role, subject, now ?? DateTimeOffset.UtcNow, lifetime ?? TimeSpan.FromHours(1), agency, name);

    public static Metadata Bearer(string token) => new() { { "Authorization", "Bearer " + token } };

    /// <summary>A call invoker that signs every call as its request's actor (or the usual caller of the method).</summary>
    public static CallInvoker AsRequestActor(GrpcChannel channel) => channel.Intercept(new RequestActorInterceptor());

    private sealed class RequestActorInterceptor : Interceptor
    {
        private readonly Dictionary<string, string> _cache = [];

        public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(TRequest request, ClientInterceptorContext<TRequest, TResponse> context,
            AsyncUnaryCallContinuation<TRequest, TResponse> continuation) =>
            continuation(request, Sign(request, context));

        public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(TRequest request,
            ClientInterceptorContext<TRequest, TResponse> context, AsyncServerStreamingCallContinuation<TRequest, TResponse> continuation) =>
            continuation(request, Sign(request, context));

        private ClientInterceptorContext<TRequest, TResponse> Sign<TRequest, TResponse>(TRequest request, ClientInterceptorContext<TRequest, TResponse> context)
            where TRequest : class where TResponse : class
        {
            if (context.Options.Headers?.Any(h => h.Key == "authorization") == true || TokenFor(context.Method.FullName, request) is not { } token)
            {
                return context;
            }

            var headers = new Metadata();
            foreach (var entry in context.Options.Headers ?? [])
            {
                headers.Add(entry);
            }

            headers.Add("Authorization", "Bearer " + token);
            return new ClientInterceptorContext<TRequest, TResponse>(context.Method, context.Host, context.Options.WithHeaders(headers));
        }

        private string? TokenFor(string method, object request)
        {
            var (role, subject, agency, name) = CallerFor(method, request as IMessage);
            if (role is null)
            {
                return null;
            }

            var cacheKey = $"{role}|{subject}|{agency}|{name}";
            lock (_cache)
            {
                if (!_cache.TryGetValue(cacheKey, out var token))
                {
                    _cache[cacheKey] = token = For(role, subject, agency, name);
                }

                return token;
            }
        }

        private static (string? Role, string Subject, string Agency, string Name) CallerFor(string method, IMessage? request)
        {
            if (request?.Descriptor.FindFieldByName("actor") is { } field && field.Accessor.GetValue(request) is V1.Actor { Party: not V1.Party.Unspecified } actor)
            {
                var role = Roles.Of((Contracts.Dossiers.Party)(int)actor.Party);
                return (role, actor.PersonId.Length > 0 ? actor.PersonId : "t-1", Roles.IsOfficer(role) ? actor.AgencyCode : "", actor.PersonName);
            }

            var agencyCode = request?.Descriptor.FindFieldByName("agency_code") is { } agencyField ? agencyField.Accessor.GetValue(request) as string ?? "" : "";
            return method switch
            {
                _ when method.StartsWith("/dvc.v1.PaymentService/", StringComparison.Ordinal) => (Roles.Payment, "vnpay", "", ""),
                _ when method.StartsWith("/dvc.v1.PostalService/", StringComparison.Ordinal) => (Roles.Postal, "vnpost-qn", "", ""),
                _ when method.StartsWith("/dvc.v1.ChangeFeedService/", StringComparison.Ordinal) => (Roles.Sync, "national-portal", "", ""),
                _ when method.StartsWith("/dvc.probe.", StringComparison.Ordinal) => (Roles.Operator, "ops", "", ""),
                "/dvc.v1.AgencyService/RecountAgencies" => (Roles.Administrator, "admin", "", ""),
                _ when method.StartsWith("/dvc.v1.SubscriptionService/", StringComparison.Ordinal) => (Roles.Administrator, "admin", "", ""),
                "/dvc.v1.AgencyService/GetAgencyFigures" or "/dvc.v1.ReportService/GetReport" => (Roles.Supervisor, "sv-1", "", ""),
                "/dvc.v1.AgencyService/GetAgencyQueue" or "/dvc.v1.AgencyService/ListAgencyDossiers" => (Roles.AgencyOfficer, "cv-1", agencyCode, ""),
                // Most tests receive their dossiers at the province centre: its officers see them in full.
                "/dvc.v1.AgencyService/FindDossiers" or "/dvc.v1.DossierService/GetDossier" or "/dvc.v1.DossierService/WatchDossier"
                    => (Roles.DeskOfficer, "mc-01", Requests.Centre, ""),
                _ => (null, "", "", ""),
            };
        }
    }
}
