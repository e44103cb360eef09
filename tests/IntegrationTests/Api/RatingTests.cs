using DossierTracking.GrpcApi.V1;
using DossierTracking.IntegrationTests.Agencies;
using DossierTracking.IntegrationTests.Infrastructure;
using Grpc.Core;
using Microsoft.Extensions.Time.Testing;
using static DossierTracking.IntegrationTests.Infrastructure.Requests;

namespace DossierTracking.IntegrationTests.Api;

/// <summary>The applicant rates the handling once, after the result was returned; ratings feed the agency's figures and reports.</summary>
public sealed class RatingTests
{
    private readonly FakeTimeProvider _clock = new(Local(2020, 10, 19, 9, 0));

    [Fact]
    public async Task A_returned_dossier_is_rated_once_and_the_rating_counts_for_the_agency()
    {
        await using var host = await TestHost.StartAsync(clock: _clock);
        var api = host.Dossiers;
        // Received at the counter: the applicant rates through a portal with the PIN printed on the receipt.
        var received = await api.ReceiveDossierAsync(AgencyTestSupport.Counter());
        var (code, pin) = (received.ReceiptCode, received.LookupPin);
        var early = await Assert.ThrowsAsync<RpcException>(() => api.RateDossierAsync(new RateDossierRequest
        {
            ReceiptCode = code, Actor = Portal, Satisfaction = Satisfaction.Satisfied, LookupPin = pin,
        }).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, early.StatusCode);

        await api.ForwardDossierAsync(new ForwardDossierRequest { ReceiptCode = code, Actor = Desk() });
        await api.RecordResultAsync(new RecordResultRequest { ReceiptCode = code, Actor = Officer(), Result = ResultKind.Approved, DocumentRef = "GPXD-5" });
        var returned = await api.ReturnResultAsync(new ReturnResultRequest { ReceiptCode = code, Actor = Desk(), Method = ReturnMethod.InPerson });

        var missing = await Assert.ThrowsAsync<RpcException>(() => api.RateDossierAsync(new RateDossierRequest { ReceiptCode = code, Actor = Portal, LookupPin = pin }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, missing.StatusCode);
        Assert.Contains("satisfaction", missing.Status.Detail);
        var officer = await Assert.ThrowsAsync<RpcException>(() => api.RateDossierAsync(new RateDossierRequest
        {
            ReceiptCode = code, Actor = Officer(), Satisfaction = Satisfaction.VerySatisfied,
        }).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, officer.StatusCode);

        var rated = await api.RateDossierAsync(new RateDossierRequest
        {
            ReceiptCode = code, Actor = Portal, Satisfaction = Satisfaction.VerySatisfied, Comment = "Cán bộ hướng dẫn tận tình", LookupPin = pin,
        });
        Assert.Equal(returned.Version + 1, rated.Version);
        Assert.Equal(DossierState.ResultReturned, rated.State);
        Assert.Equal(Satisfaction.VerySatisfied, rated.Rating.Satisfaction);
        Assert.Equal("Cán bộ hướng dẫn tận tình", rated.Rating.Comment);
        Assert.Equal(DossierAction.Rate, rated.History[^1].Action);

        var second = await Assert.ThrowsAsync<RpcException>(() => api.RateDossierAsync(new RateDossierRequest
        {
            ReceiptCode = code, Actor = Portal, Satisfaction = Satisfaction.NotSatisfied, LookupPin = pin,
        }).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, second.StatusCode);
        Assert.Equal(Satisfaction.VerySatisfied, (await api.GetDossierAsync(new GetDossierRequest { ReceiptCode = code })).Rating.Satisfaction);

        var agencies = new AgencyService.AgencyServiceClient(host.Invoker);
        var figures = await AgencyTestSupport.EventuallyAsync(
            () => agencies.GetAgencyFiguresAsync(new GetAgencyFiguresRequest { AgencyCode = Construction }).ResponseAsync,
            f => f.Ratings?.VerySatisfied == 1);
        Assert.Equal(new SatisfactionCounts { VerySatisfied = 1 }, figures.Ratings);
        var report = await new ReportService.ReportServiceClient(host.Invoker).GetReportAsync(
            new GetReportRequest { AgencyCode = Construction, Period = PeriodKind.Month, Date = "2020-10-01" });
        Assert.Equal(new SatisfactionCounts { VerySatisfied = 1 }, report.Ratings);
    }
}
