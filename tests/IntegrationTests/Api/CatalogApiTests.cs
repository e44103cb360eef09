using DossierTracking.GrpcApi.V1;
using DossierTracking.IntegrationTests.Infrastructure;
using Grpc.Core;

namespace DossierTracking.IntegrationTests.Api;

public sealed class CatalogApiTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private readonly CatalogService.CatalogServiceClient _catalog = fixture.Host.Catalog;

    [Fact]
    public async Task Paging_through_all_procedures_returns_each_once_in_code_order()
    {
        var seen = new List<string>();
        var token = "";
        int total;
        do
        {
            var page = await _catalog.ListProceduresAsync(new ListProceduresRequest { PageSize = 37, PageToken = token });
            Assert.True(page.Procedures.Count <= 37);
            seen.AddRange(page.Procedures.Select(p => p.Code));
            token = page.NextPageToken;
            total = page.TotalSize;
        }
        while (token.Length > 0);

        Assert.True(total >= 200);
        Assert.Equal(total, seen.Count);
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Equal(seen.Order(StringComparer.Ordinal), seen);
    }

    [Fact]
    public async Task Filters_by_agency_level_and_words_without_accents()
    {
        var construction = await _catalog.ListProceduresAsync(new ListProceduresRequest { AgencyCode = "H49.08", PageSize = 100 });
        Assert.NotEmpty(construction.Procedures);
        Assert.All(construction.Procedures, p => Assert.Equal("H49.08", p.AgencyCode));

        var byWords = await _catalog.ListProceduresAsync(new ListProceduresRequest { Query = "giay phep xay dung", PageSize = 100 });
        Assert.NotEmpty(byWords.Procedures);
        Assert.All(byWords.Procedures, p => Assert.Contains("giấy phép", p.Name, StringComparison.OrdinalIgnoreCase));

        var level4 = await _catalog.ListProceduresAsync(new ListProceduresRequest { ServiceLevel = 4, AgencyLevel = AgencyLevel.Commune, PageSize = 100 });
        Assert.All(level4.Procedures, p => Assert.True(p.ServiceLevel == 4 && p.AgencyLevel == AgencyLevel.Commune));
    }

    [Fact]
    public async Task Page_size_is_clamped_and_negative_or_foreign_tokens_are_invalid()
    {
        var big = await _catalog.ListProceduresAsync(new ListProceduresRequest { PageSize = 5000 });
        Assert.Equal(100, big.Procedures.Count);

        var negative = await Assert.ThrowsAsync<RpcException>(async () => await _catalog.ListProceduresAsync(new ListProceduresRequest { PageSize = -1 }));
        Assert.Equal(StatusCode.InvalidArgument, negative.StatusCode);

        var garbage = await Assert.ThrowsAsync<RpcException>(async () => await _catalog.ListProceduresAsync(new ListProceduresRequest { PageToken = "not-a-token!" }));
        Assert.Equal(StatusCode.InvalidArgument, garbage.StatusCode);

        var first = await _catalog.ListProceduresAsync(new ListProceduresRequest { PageSize = 10 });
        var foreign = await Assert.ThrowsAsync<RpcException>(async () =>
            await _catalog.ListProceduresAsync(new ListProceduresRequest { PageSize = 10, PageToken = first.NextPageToken, AgencyCode = "H49.08" }));
        Assert.Equal(StatusCode.InvalidArgument, foreign.StatusCode);

        var agencyToken = await Assert.ThrowsAsync<RpcException>(async () =>
            await _catalog.ListAgenciesAsync(new ListAgenciesRequest { PageToken = first.NextPageToken }));
        Assert.Equal(StatusCode.InvalidArgument, agencyToken.StatusCode);
    }

    [Fact]
    public async Task Agencies_and_desks_can_be_listed_and_fetched()
    {
        var districts = await _catalog.ListAgenciesAsync(new ListAgenciesRequest { Kind = AgencyKind.District, PageSize = 50 });
        Assert.Equal(13, districts.Agencies.Count);
        Assert.Equal(13, districts.TotalSize);

        var desks = await _catalog.ListAgenciesAsync(new ListAgenciesRequest { ReceivingDesksOnly = true, ParentCode = "H49.193", PageSize = 50 });
        Assert.NotEmpty(desks.Agencies);
        Assert.All(desks.Agencies, a => Assert.True(a.IsReceivingDesk && a.ParentCode == "H49.193"));

        var haLong = await _catalog.GetAgencyAsync(new GetAgencyRequest { Code = "H49.193" });
        Assert.Equal("Thành phố Hạ Long", haLong.Name);
        Assert.Equal("193", haLong.GsoCode);

        var procedure = await _catalog.GetProcedureAsync(new GetProcedureRequest { Code = "1.003205" });
        Assert.Equal("H49.08", procedure.AgencyCode);
        Assert.Equal(20, procedure.Limit.Value);

        // The papers a dossier of the procedure is made of, as a portal shows them before the citizen uploads.
        var household = await _catalog.GetProcedureAsync(new GetProcedureRequest { Code = "1.001612" });
        Assert.True(household.ComponentsIllustrative);
        var form = household.Components[0];
        Assert.Equal(("giay-de-nghi", "Giấy đề nghị đăng ký hộ kinh doanh", PaperForm.Original, 1, true), (form.Code, form.Name, form.Form, form.Count, form.Required));
        Assert.Contains(household.Components, c => c is { Code: "van-ban-uy-quyen", Required: false, Form: PaperForm.CertifiedCopy });

        var missing = await Assert.ThrowsAsync<RpcException>(async () => await _catalog.GetAgencyAsync(new GetAgencyRequest { Code = "H49.999" }));
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
    }
}
