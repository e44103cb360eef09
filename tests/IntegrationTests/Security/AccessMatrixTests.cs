using DossierTracking.GrpcApi.Security;
using DossierTracking.IntegrationTests.Infrastructure;
using Google.Rpc;
using Grpc.AspNetCore.Server;
using Grpc.Core;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace DossierTracking.IntegrationTests.Security;

/// <summary>
/// Every RPC the host serves, called by every role, by nobody, and with bad tokens. A role the method's rule lists
/// gets past the access check (the empty request is then refused for its content, or served); any other role is
/// PERMISSION_DENIED; no token is UNAUTHENTICATED unless the method is open; an expired, wrongly signed or
/// foreign-audience token is UNAUTHENTICATED everywhere. A new RPC without a rule fails the first test.
/// </summary>
public sealed class AccessMatrixTests(ITestOutputHelper output) : IAsyncLifetime
{
    private TestHost _host = null!;

    public async Task InitializeAsync() => _host = await TestHost.StartAsync(settings: new Dictionary<string, string?> { ["Diagnostics:EnableProbe"] = "true" });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private IReadOnlyList<IMethod> ServedMethods() =>
        [.. _host.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .Select(e => e.Metadata.GetMetadata<GrpcMethodMetadata>()?.Method)
            .OfType<IMethod>()
            .Where(m => !m.FullName.Contains("/Unimplemented", StringComparison.Ordinal))
            .DistinctBy(m => m.FullName)
            .OrderBy(m => m.FullName)];

    [Fact]
    public void Every_served_method_has_an_access_rule()
    {
        var methods = ServedMethods();
        Assert.True(methods.Count > 40, $"only {methods.Count} methods found");
        var withoutRule = methods.Select(m => m.FullName).Where(m => !ApiAccess.Rules.ContainsKey(m)).ToList();
        Assert.True(withoutRule.Count == 0, "methods without an access rule: " + string.Join(", ", withoutRule));
    }

    [Fact]
    public async Task Every_method_answers_every_role_by_its_rule()
    {
        var callers = Roles.All.Select(role => (Name: role, Role: role,
            Token: (string?)TestTokens.For(role, subject: "matrix-" + role, agency: Roles.IsOfficer(role) ? Requests.Centre : ""))).ToList();
        var checkedCalls = 0;
        foreach (var method in ServedMethods())
        {
            var access = ApiAccess.Rules[method.FullName];
            foreach (var (name, role, token) in callers)
            {
                var (status, reason) = await CallAsync(method, token);
                if (access.Allows(role))
                {
                    Assert.False(status == StatusCode.Unauthenticated || reason is "ROLE_NOT_ALLOWED" or "NO_ACCESS_RULE",
                        $"{method.FullName} as {name}: allowed by its rule but answered {status} {reason}");
                }
                else
                {
                    Assert.True(status == StatusCode.PermissionDenied && reason == "ROLE_NOT_ALLOWED", $"{method.FullName} as {name}: expected PERMISSION_DENIED, got {status} {reason}");
                }

                checkedCalls++;
            }

            var (anonymous, anonymousReason) = await CallAsync(method, null);
            if (access.Anonymous)
            {
                Assert.NotEqual(StatusCode.Unauthenticated, anonymous);
                Assert.NotEqual(StatusCode.PermissionDenied, anonymous);
            }
            else
            {
                Assert.True(anonymous == StatusCode.Unauthenticated, $"{method.FullName} without a token: expected UNAUTHENTICATED, got {anonymous} {anonymousReason}");
            }

            checkedCalls++;
        }

        output.WriteLine($"{checkedCalls} calls checked over {ServedMethods().Count} methods and {callers.Count} roles plus anonymous");
    }

    [Fact]
    public async Task Expired_wrongly_signed_and_foreign_audience_tokens_are_unauthenticated_everywhere()
    {
        var otherKey = SigningKey.Generate("other");
        var bad = new Dictionary<string, string>
        {
            ["expired"] = TestTokens.For(Roles.Supervisor, now: DateTimeOffset.UtcNow.AddHours(-3), lifetime: TimeSpan.FromHours(1)),
            ["wrongly signed"] = TestTokens.For(Roles.Supervisor, key: otherKey),
            ["foreign audience"] = TestTokens.For(Roles.Supervisor, audience: "another-service"),
            ["not a token"] = "abc.def.ghi",
        };
        foreach (var method in ServedMethods())
        {
            foreach (var (kind, token) in bad)
            {
                var (status, _) = await CallAsync(method, token);
                Assert.True(status == StatusCode.Unauthenticated, $"{method.FullName} with an {kind} token: {status}");
            }
        }
    }

    /// <summary>Calls a method with an empty request (raw bytes, so one path serves every method type).</summary>
    private async Task<(StatusCode Status, string Reason)> CallAsync(IMethod method, string? token)
    {
        var raw = new Method<byte[], byte[]>(method.Type, method.ServiceName, method.Name, Bytes, Bytes);
        var options = new CallOptions(headers: token is null ? null : TestTokens.Bearer(token), deadline: DateTime.UtcNow.AddSeconds(30));
        var invoker = _host.Channel.CreateCallInvoker();
        try
        {
            switch (method.Type)
            {
                case MethodType.Unary:
                    await invoker.AsyncUnaryCall(raw, null, options, []);
                    break;
                case MethodType.ServerStreaming:
                    using (var call = invoker.AsyncServerStreamingCall(raw, null, options, []))
                    {
                        // Empty requests end streams at once (refused, or nothing to send); take one message at most.
                        await call.ResponseStream.MoveNext(CancellationToken.None);
                    }

                    break;
                default:
                    using (var call = invoker.AsyncDuplexStreamingCall(raw, null, options))
                    {
                        await call.RequestStream.CompleteAsync();
                        while (await call.ResponseStream.MoveNext(CancellationToken.None))
                        {
                        }
                    }

                    break;
            }

            return (StatusCode.OK, "");
        }
        catch (RpcException e)
        {
            var reason = e.GetRpcStatus()?.GetDetail<ErrorInfo>()?.Reason ?? "";
            return (e.StatusCode, reason);
        }
    }

    private static readonly Marshaller<byte[]> Bytes = Marshallers.Create(b => b, b => b);
}
