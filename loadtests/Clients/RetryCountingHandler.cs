namespace DossierTracking.LoadTests.Clients;

/// <summary>
/// Sits under a channel and sees every attempt as its own HTTP/2 request. Grpc.Net.Client marks an attempt that
/// repeats an earlier one with the header <c>grpc-previous-rpc-attempts</c>; those are tallied by method.
/// </summary>
public sealed class RetryCountingHandler(RetryTally tally, HttpMessageHandler inner) : DelegatingHandler(inner)
{
    private const string PreviousAttemptsHeader = "grpc-previous-rpc-attempts";

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Headers.Contains(PreviousAttemptsHeader) && request.RequestUri is { } uri)
        {
            var path = uri.AbsolutePath;
            tally.Add(path[(path.LastIndexOf('/') + 1)..]);
        }

        return base.SendAsync(request, cancellationToken);
    }
}
