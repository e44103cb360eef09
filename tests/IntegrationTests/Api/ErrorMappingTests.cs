using DossierTracking.GrpcApi.Errors;
using Grpc.Core;
using Microsoft.Extensions.Logging.Abstractions;

namespace DossierTracking.IntegrationTests.Api;

/// <summary>
/// The error mapping for every kind of call: an upload (client streaming) whose storage fails answers UNAVAILABLE
/// (retry) and a bug INTERNAL, as unary calls and downloads do, never UNKNOWN with the exception's text.
/// </summary>
public sealed class ErrorMappingTests
{
    private readonly ErrorMappingInterceptor _interceptor = new(NullLogger<ErrorMappingInterceptor>.Instance);

    [Fact]
    public async Task An_upload_whose_storage_times_out_is_UNAVAILABLE_and_a_bug_is_INTERNAL_without_its_message()
    {
        var unavailable = await Assert.ThrowsAsync<RpcException>(() => _interceptor.ClientStreamingServerHandler<string, string>(
            new NoMessages(), new Context(), (_, _) => throw new TimeoutException("storage")));
        Assert.Equal(StatusCode.Unavailable, unavailable.StatusCode);

        var bug = await Assert.ThrowsAsync<RpcException>(() => _interceptor.ClientStreamingServerHandler<string, string>(
            new NoMessages(), new Context(), (_, _) => throw new InvalidOperationException("secret detail")));
        Assert.Equal(StatusCode.Internal, bug.StatusCode);
        Assert.DoesNotContain("secret detail", bug.Status.Detail, StringComparison.Ordinal);

        // A status the service chose goes through as it is.
        var chosen = await Assert.ThrowsAsync<RpcException>(() => _interceptor.ClientStreamingServerHandler<string, string>(
            new NoMessages(), new Context(), (_, _) => throw new RpcException(new Status(StatusCode.ResourceExhausted, "too large"))));
        Assert.Equal(StatusCode.ResourceExhausted, chosen.StatusCode);
    }

    private sealed class NoMessages : IAsyncStreamReader<string>
    {
        public string Current => "";

        public Task<bool> MoveNext(CancellationToken cancellationToken) => Task.FromResult(false);
    }

    private sealed class Context : ServerCallContext
    {
        protected override string MethodCore => "/dvc.v1.DocumentService/UploadDocument";
        protected override string HostCore => "127.0.0.1";
        protected override string PeerCore => "ipv4:127.0.0.1:1";
        protected override DateTime DeadlineCore => DateTime.MaxValue;
        protected override Metadata RequestHeadersCore { get; } = [];
        protected override CancellationToken CancellationTokenCore => CancellationToken.None;
        protected override Metadata ResponseTrailersCore { get; } = [];
        protected override Status StatusCore { get; set; }
        protected override WriteOptions? WriteOptionsCore { get; set; }
        protected override AuthContext AuthContextCore { get; } = new(null, []);

        protected override ContextPropagationToken CreatePropagationTokenCore(ContextPropagationOptions? options) => throw new NotSupportedException();

        protected override Task WriteResponseHeadersAsyncCore(Metadata responseHeaders) => Task.CompletedTask;
    }
}
