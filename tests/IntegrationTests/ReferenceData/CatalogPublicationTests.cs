using DossierTracking.GrpcApi.V1;
using DossierTracking.IntegrationTests.Infrastructure;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Time.Testing;
using static DossierTracking.IntegrationTests.Infrastructure.Requests;
using static DossierTracking.IntegrationTests.ReferenceData.ReferenceDataSupport;
using WorkingCalendar = DossierTracking.Domain.Calendar.WorkingCalendar;

namespace DossierTracking.IntegrationTests.ReferenceData;

/// <summary>A procedure's time limit changed by decision: the new catalogue version applies to dossiers created after it only.</summary>
public sealed class CatalogPublicationTests
{
    [Fact]
    public async Task A_changed_limit_applies_to_dossiers_created_after_it_and_an_older_dossier_keeps_its_own_even_when_its_due_date_is_computed_again()
    {
        var clock = new FakeTimeProvider(Local(2026, 12, 7, 8, 0));
        await using var host = await TestHost.StartAsync(clock: clock);
        var calendar = WorkingCalendar.Standard;
        var start = clock.GetUtcNow();
        var before = await SubmitAsync(host);
        Assert.Equal(calendar.AddWorkingDays(start, 20), DueOf(before));

        var published = await Client(host).PublishReferenceDataAsync(
            new PublishReferenceDataRequest { Kind = "catalog", Content = CatalogWithLimit(PermitAdjustment, 30), ExpectedCurrentVersion = 1 }, AsAdmin);
        Assert.Equal(2, published.Version);

        var procedure = await host.Catalog.GetProcedureAsync(new GetProcedureRequest { Code = PermitAdjustment });
        Assert.Equal(30, procedure.Limit.Value);
        Assert.Equal("2027.01-test", (await host.Catalog.ListProceduresAsync(new ListProceduresRequest { PageSize = 1 })).CatalogVersion);
        var after = await SubmitAsync(host);
        Assert.Equal(calendar.AddWorkingDays(start, 30), DueOf(after));

        // The older dossier's supplement restarts its clock (the procedure's restart rule): with its own 20 days.
        await host.Dossiers.ForwardDossierAsync(new ForwardDossierRequest { ReceiptCode = before.ReceiptCode, Actor = Desk(), RequestId = "fwd" });
        await host.Dossiers.RequestSupplementAsync(new RequestSupplementRequest
        {
            ReceiptCode = before.ReceiptCode, Actor = Officer(), RequestId = "sup", MissingItems = { "Bản vẽ thiết kế" }, Reason = "Thiếu bản vẽ",
            Deadline = Timestamp.FromDateTimeOffset(start.AddDays(30)),
        });
        clock.Advance(TimeSpan.FromDays(2));
        var resumed = await host.Dossiers.ReceiveSupplementAsync(new ReceiveSupplementRequest { ReceiptCode = before.ReceiptCode, Actor = Desk(), RequestId = "rcv" });
        Assert.Equal(calendar.AddWorkingDays(clock.GetUtcNow(), 20), DueOf(resumed));
    }

    [Fact]
    public async Task A_catalogue_that_refuses_its_lists_is_not_published()
    {
        await using var host = await TestHost.StartAsync();
        var content = CatalogWithLimit(PermitAdjustment, 30).Replace("\"form\":\"Original\"", "\"form\":\"Photocopy\"", StringComparison.Ordinal);
        var refusal = await Assert.ThrowsAsync<Grpc.Core.RpcException>(() => Client(host).PublishReferenceDataAsync(
            new PublishReferenceDataRequest { Kind = "catalog", Content = content, ExpectedCurrentVersion = 1 }, AsAdmin).ResponseAsync);

        Assert.Equal(Grpc.Core.StatusCode.InvalidArgument, refusal.StatusCode);
        Assert.Matches(@"PaperForm\. Path: \$\.procedures\[\d+\]\.components\[\d+\]\.form", refusal.Status.Detail);
        Assert.Equal(20, (await host.Catalog.GetProcedureAsync(new GetProcedureRequest { Code = PermitAdjustment })).Limit.Value);
        Assert.Single((await Client(host).ListReferenceDataVersionsAsync(new ListReferenceDataVersionsRequest { Kind = "catalog" }, AsAdmin)).Versions);
    }
}
