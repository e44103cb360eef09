using DossierTracking.GrpcApi;
using DossierTracking.GrpcApi.V1;
using DossierTracking.IntegrationTests.Infrastructure;
using Grpc.Core;

namespace DossierTracking.IntegrationTests.Security;

/// <summary>Oversized requests are refused before any service code runs; deadlines are honoured.</summary>
public sealed class RequestLimitsTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private readonly TestHost _host = fixture.Host;

    [Fact]
    public async Task A_request_over_the_maximum_message_size_is_refused_and_creates_nothing()
    {
        var request = Requests.Submit();
        request.Note = new string('x', GrpcApiExtensions.MaxReceiveMessageBytes + 1);
        var error = await Assert.ThrowsAsync<RpcException>(() => _host.Dossiers.SubmitDossierAsync(request).ResponseAsync);
        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);

        // The same request id with a normal note creates the dossier: the oversized one left nothing behind.
        request.Note = "";
        Assert.Equal(DossierState.Submitted, (await _host.Dossiers.SubmitDossierAsync(request)).State);
    }

    [Fact]
    public async Task A_call_whose_deadline_has_passed_is_not_served()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            _host.Dossiers.SubmitDossierAsync(Requests.Submit(), deadline: DateTime.UtcNow.AddMilliseconds(-1)).ResponseAsync);
        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
    }
}
