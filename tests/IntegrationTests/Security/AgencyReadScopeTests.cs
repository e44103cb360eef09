using System.Diagnostics;
using DossierTracking.GrpcApi.Security;
using DossierTracking.GrpcApi.V1;
using DossierTracking.IntegrationTests.Infrastructure;
using Grpc.Core;
using static DossierTracking.IntegrationTests.Infrastructure.Requests;

namespace DossierTracking.IntegrationTests.Security;

/// <summary>Officers read their own agency's lists, figures and reports; supervisors every agency's figures and reports.</summary>
public sealed class AgencyReadScopeTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private readonly TestHost _host = fixture.Host;

    private static Metadata As(string role, string agency = "") => TestTokens.Bearer(TestTokens.For(role, "scope-test", agency));

    [Fact]
    public async Task An_officer_reads_their_own_agency_and_nothing_of_another()
    {
        var agencies = new AgencyService.AgencyServiceClient(_host.Channel);
        var reports = new ReportService.ReportServiceClient(_host.Channel);
        var officer = As(Roles.AgencyOfficer, Construction);

        Assert.Equal(Construction, (await agencies.GetAgencyFiguresAsync(new GetAgencyFiguresRequest { AgencyCode = Construction }, officer)).AgencyCode);
        await agencies.ListAgencyDossiersAsync(new ListAgencyDossiersRequest { AgencyCode = Construction, PageSize = 5 }, officer);
        await reports.GetReportAsync(new GetReportRequest { AgencyCode = Construction, Period = PeriodKind.Month, Date = "2020-10-01" }, officer);

        async Task Denied(Func<Task> call) => Assert.Equal(StatusCode.PermissionDenied, (await Assert.ThrowsAsync<RpcException>(call)).StatusCode);
        await Denied(() => agencies.GetAgencyFiguresAsync(new GetAgencyFiguresRequest { AgencyCode = EnvironmentDept }, officer).ResponseAsync);
        await Denied(() => agencies.GetAgencyQueueAsync(new GetAgencyQueueRequest { AgencyCode = EnvironmentDept }, officer).ResponseAsync);
        await Denied(() => agencies.ListAgencyDossiersAsync(new ListAgencyDossiersRequest { AgencyCode = EnvironmentDept }, officer).ResponseAsync);
        await Denied(() => reports.GetReportAsync(new GetReportRequest { AgencyCode = EnvironmentDept, Period = PeriodKind.Month, Date = "2020-10-01" }, officer).ResponseAsync);
        await Denied(() => reports.GetReportAsync(new GetReportRequest { Province = true, Period = PeriodKind.Month, Date = "2020-10-01" }, officer).ResponseAsync);
    }

    [Fact]
    public async Task A_supervisor_reads_every_agencys_figures_and_the_province_report_but_no_lists()
    {
        var agencies = new AgencyService.AgencyServiceClient(_host.Channel);
        var reports = new ReportService.ReportServiceClient(_host.Channel);
        var supervisor = As(Roles.Supervisor);
        await agencies.GetAgencyFiguresAsync(new GetAgencyFiguresRequest { AgencyCode = EnvironmentDept }, supervisor);
        await reports.GetReportAsync(new GetReportRequest { Province = true, Period = PeriodKind.Year, Date = "2020-01-01" }, supervisor);
        var lists = await Assert.ThrowsAsync<RpcException>(() =>
            agencies.ListAgencyDossiersAsync(new ListAgencyDossiersRequest { AgencyCode = EnvironmentDept }, supervisor).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, lists.StatusCode);
    }

    [Fact]
    public async Task An_applicant_search_shows_an_officer_only_their_own_agencys_dossiers()
    {
        var request = Submit();
        request.Applicant.IdNumber = "031099000555";
        await _host.Dossiers.SubmitDossierAsync(request); // received at the province centre, handled by Construction
        var agencies = new AgencyService.AgencyServiceClient(_host.Channel);
        var find = new FindDossiersRequest { ApplicantIdNumber = "031099000555" };
        // The read model follows within about a second; the bound only catches one that never does.
        var waiting = Stopwatch.StartNew();
        while (waiting.Elapsed < TimeSpan.FromSeconds(30))
        {
            if ((await agencies.FindDossiersAsync(find, As(Roles.DeskOfficer, Centre))).Dossiers.Count == 1)
            {
                break;
            }

            await Task.Delay(100);
        }

        Assert.Single((await agencies.FindDossiersAsync(find, As(Roles.DeskOfficer, Centre))).Dossiers);
        Assert.Single((await agencies.FindDossiersAsync(find, As(Roles.AgencyOfficer, Construction))).Dossiers);
        Assert.Empty((await agencies.FindDossiersAsync(find, As(Roles.AgencyOfficer, EnvironmentDept))).Dossiers);
    }
}
