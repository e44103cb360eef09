using System.Text.Json.Nodes;
using DossierTracking.Domain.Catalog;
using DossierTracking.GrpcApi.V1;
using DossierTracking.IntegrationTests.Agencies;
using DossierTracking.IntegrationTests.Infrastructure;
using Google.Rpc;
using Grpc.Core;
using Microsoft.Extensions.Time.Testing;
using static DossierTracking.IntegrationTests.Infrastructure.Requests;
using static DossierTracking.IntegrationTests.ReferenceData.ReferenceDataSupport;

namespace DossierTracking.IntegrationTests.ReferenceData;

/// <summary>
/// A catalogue version that dates its units (the 2025 reform: the district level dissolved after 30 June 2025): the
/// dissolved desk takes no new dossier, the dossiers it took keep its code, and a report over a period counts the units
/// that acted in it.
/// </summary>
public sealed class EffectiveDatesTests
{
    [Fact]
    public async Task A_desk_dissolved_by_a_new_catalogue_takes_no_new_dossier_and_reports_use_the_units_of_their_period()
    {
        var clock = new FakeTimeProvider(Local(2025, 6, 30, 10, 0));
        await using var host = await TestHost.StartAsync(clock: clock);
        await Client(host).PublishReferenceDataAsync(
            new PublishReferenceDataRequest { Kind = "catalog", Content = CatalogWithDistrictsUntil("2025-06-30"), ExpectedCurrentVersion = 1 }, AsAdmin);

        var lastDay = await host.Dossiers.ReceiveDossierAsync(AgencyTestSupport.Counter(HouseholdBusiness, HaLong));
        clock.SetUtcNow(Local(2025, 7, 1, 8, 0));
        var refused = await Assert.ThrowsAsync<RpcException>(() => host.Dossiers.ReceiveDossierAsync(AgencyTestSupport.Counter(HouseholdBusiness, HaLong)).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Equal("UNIT_NOT_ACTING", refused.GetRpcStatus()!.GetDetail<ErrorInfo>().Reason);
        Assert.Equal("2025-06-30", (await host.Catalog.GetAgencyAsync(new GetAgencyRequest { Code = HaLong })).ValidTo);
        var kept = await GetAsync(host, lastDay.ReceiptCode);
        Assert.Equal((HaLong, HaLong), (kept.ReceivingDeskCode, kept.CurrentAgencyCode));

        var reports = new ReportService.ReportServiceClient(host.Invoker);
        Task<Report> District(string date) =>
            reports.GetReportAsync(new GetReportRequest { Level = AgencyLevel.District, Period = PeriodKind.Month, Date = date }).ResponseAsync;
        var june = await EventuallyAsync(() => District("2025-06-15"), r => r.Received.Total == 1);
        Assert.Equal(1, june.Received.Total);
        // In July the district level has no unit: the open dossier is carried over in the province's report only.
        var july = await District("2025-07-15");
        Assert.Equal((0, 0), (july.Received.Total, july.CarriedOver));
        var province = await reports.GetReportAsync(new GetReportRequest { Province = true, Period = PeriodKind.Month, Date = "2025-07-15" });
        Assert.Equal(1, province.CarriedOver);
    }

    [Fact]
    public async Task A_retry_after_its_desk_was_dissolved_still_gets_its_first_answer()
    {
        var clock = new FakeTimeProvider(Local(2025, 6, 30, 10, 0));
        await using var host = await TestHost.StartAsync(clock: clock);
        await Client(host).PublishReferenceDataAsync(
            new PublishReferenceDataRequest { Kind = "catalog", Content = CatalogWithDistrictsUntil("2025-06-30"), ExpectedCurrentVersion = 1 }, AsAdmin);
        var request = AgencyTestSupport.Counter(HouseholdBusiness, HaLong);
        var first = await host.Dossiers.ReceiveDossierAsync(request);

        clock.SetUtcNow(Local(2025, 7, 1, 8, 0));
        var retry = await host.Dossiers.ReceiveDossierAsync(request);
        var other = request.Clone();
        other.RequestId = request.RequestId + "-new";
        var refused = await Assert.ThrowsAsync<RpcException>(() => host.Dossiers.ReceiveDossierAsync(other).ResponseAsync);

        Assert.Equal((first.ReceiptCode, first.Version), (retry.ReceiptCode, retry.Version));
        Assert.Equal("UNIT_NOT_ACTING", refused.GetRpcStatus()!.GetDetail<ErrorInfo>().Reason);
    }

    /// <summary>The shipped catalogue with every district-level unit (and the communes under them) acting until <paramref name="lastDay"/>.</summary>
    private static string CatalogWithDistrictsUntil(string lastDay)
    {
        var catalog = JsonNode.Parse(CatalogFile.EmbeddedText())!.AsObject();
        catalog["version"] = "2025.07-reform-test";
        foreach (var agency in catalog["agencies"]!.AsArray().OfType<JsonObject>().Where(a => (string?)a["level"] is "District" or "Commune"))
        {
            agency["validTo"] = lastDay;
        }

        return catalog.ToJsonString();
    }
}
