using System.Net;
using DossierTracking.GrpcApi.Security;
using DossierTracking.GrpcApi.V1;
using DossierTracking.IntegrationTests.Infrastructure;
using DossierTracking.IntegrationTests.ProvincePage;
using Grpc.Core;
using static DossierTracking.IntegrationTests.Infrastructure.Requests;
using static DossierTracking.IntegrationTests.Provinces.TwoProvinces;

namespace DossierTracking.IntegrationTests.Provinces;

/// <summary>
/// Two provinces in one silo: each officer and supervisor sees their own province's dossiers, agencies, figures and
/// reports, and another province's answer exactly as unknown ones do.
/// </summary>
public sealed class ProvinceIsolationTests
{
    [Fact]
    public async Task In_a_one_province_deployment_a_supervisor_token_naming_no_province_is_that_provinces()
    {
        await using var host = await TestHost.StartAsync();
        using var page = new ProvincePageClient(host);
        var unnamed = TestTokens.For(Roles.Supervisor, "so-noi-vu");

        // The login form settles the token as a call does (the README's walkthrough logs in with such a token).
        Assert.Equal(HttpStatusCode.SeeOther, (await page.LogInAsync(unnamed)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await page.GetAsync(Silo.ProvincePage.ProvincePageComposition.FiguresPath, unnamed)).StatusCode);
        var figures = await new AgencyService.AgencyServiceClient(host.Channel)
            .GetAgencyFiguresAsync(new GetAgencyFiguresRequest { AgencyCode = Construction }, TestTokens.Bearer(unnamed));
        Assert.Equal(Construction, figures.AgencyCode);
    }

    [Fact]
    public async Task Each_province_receives_with_its_own_codes_and_catalogue()
    {
        await using var host = await StartAsync();
        var second = await SecondProvinceDossierAsync(host);
        var quangNinh = await QuangNinhDossierAsync(host);

        Assert.StartsWith(SecondCentre + "-", second.ReceiptCode, StringComparison.Ordinal);
        Assert.StartsWith(Centre + "-", quangNinh.ReceiptCode, StringComparison.Ordinal);
        Assert.Equal(SecondHomeAffairs, second.CurrentAgencyCode);

        // The same national procedure code, each province's own limit.
        var procedures = host.Catalog;
        Assert.Equal(15, (await procedures.GetProcedureAsync(new GetProcedureRequest { Code = SharedProcedure, ProvinceCode = Second })).Limit.Value);
        Assert.Equal(30, (await procedures.GetProcedureAsync(new GetProcedureRequest { Code = SharedProcedure })).Limit.Value);
        var listed = await procedures.ListProceduresAsync(new ListProceduresRequest { ProvinceCode = Second, PageSize = 100 });
        Assert.Equal(12, listed.TotalSize);
        var agencies = await procedures.ListAgenciesAsync(new ListAgenciesRequest { ProvinceCode = Second, PageSize = 100 });
        Assert.All(agencies.Agencies, a => Assert.StartsWith(Second, a.Code, StringComparison.Ordinal));

        var notServed = await RefusedAsync(() => procedures.ListProceduresAsync(new ListProceduresRequest { ProvinceCode = "H22" }).ResponseAsync);
        Assert.Equal((StatusCode.NotFound, "PROVINCE_NOT_SERVED"), (notServed.StatusCode, Reason(notServed)));
        var malformed = await RefusedAsync(() => procedures.ListProceduresAsync(new ListProceduresRequest { ProvinceCode = "H49.50" }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, malformed.StatusCode);

        // A desk of one province cannot take a procedure to the other's: the H99 catalogue has no Quảng Ninh procedure.
        var crossing = await RefusedAsync(() => host.Dossiers.SubmitDossierAsync(Submit(desk: SecondCentre)).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, crossing.StatusCode);
    }

    [Fact]
    public async Task An_officer_of_one_province_sees_nothing_of_the_other()
    {
        await using var host = await StartAsync();
        var quangNinh = await QuangNinhDossierAsync(host);
        var second = await SecondProvinceDossierAsync(host, idNumber: "022090001234");
        var officer = As(Roles.AgencyOfficer, "cv-h99", SecondHomeAffairs);
        var agencies = new AgencyService.AgencyServiceClient(host.Channel);

        // Its own dossier in full; the other province's as anyone sees it by receipt code: the public view.
        Assert.Equal(second.Applicant.IdNumber, (await host.Dossiers.GetDossierAsync(new GetDossierRequest { ReceiptCode = second.ReceiptCode }, officer)).Applicant.IdNumber);
        var foreignView = await host.Dossiers.GetDossierAsync(new GetDossierRequest { ReceiptCode = quangNinh.ReceiptCode }, officer);
        Assert.Equal("", foreignView.Applicant?.IdNumber ?? "");
        Assert.DoesNotContain(foreignView.History, h => h.Actor?.PersonId.Length > 0);

        // The queue and lists of its unit hold its province's dossier only; another province's unit is refused as any other unit.
        var queue = await EventuallyAsync(
            () => agencies.GetAgencyQueueAsync(new GetAgencyQueueRequest { AgencyCode = SecondHomeAffairs }, officer).ResponseAsync,
            q => q.Dossiers.Count > 0);
        Assert.Equal([second.ReceiptCode], queue.Dossiers.Select(d => d.ReceiptCode));
        var foreignQueue = await RefusedAsync(() => agencies.GetAgencyQueueAsync(new GetAgencyQueueRequest { AgencyCode = Construction }, officer).ResponseAsync);
        var otherUnit = await RefusedAsync(() => agencies.GetAgencyQueueAsync(new GetAgencyQueueRequest { AgencyCode = "H99.02" }, officer).ResponseAsync);
        Assert.Equal((otherUnit.StatusCode, otherUnit.Status.Detail), (foreignQueue.StatusCode, foreignQueue.Status.Detail));

        // The same citizen filed in both provinces: a search by ID number finds the dossier of the officer's own unit only.
        var found = await EventuallyAsync(
            () => agencies.FindDossiersAsync(new FindDossiersRequest { ApplicantIdNumber = "022090001234" }, officer).ResponseAsync,
            f => f.Dossiers.Count > 0);
        Assert.Equal([second.ReceiptCode], found.Dossiers.Select(d => d.ReceiptCode));

        // Nothing moves across: a transfer to a Quảng Ninh department answers as one to a unit that does not exist.
        var across = await RefusedAsync(() => host.Dossiers.TransferDossierAsync(new TransferDossierRequest
        {
            ReceiptCode = second.ReceiptCode, Actor = new Actor { Party = Party.AgencyOfficer, PersonId = "cv-h99", AgencyCode = SecondHomeAffairs },
            CoordinatingAgencyCode = "H49.02", RequestId = "tr-1",
        }).ResponseAsync);
        var nowhere = await RefusedAsync(() => host.Dossiers.TransferDossierAsync(new TransferDossierRequest
        {
            ReceiptCode = second.ReceiptCode, Actor = new Actor { Party = Party.AgencyOfficer, PersonId = "cv-h99", AgencyCode = SecondHomeAffairs },
            CoordinatingAgencyCode = "H99.77", RequestId = "tr-2",
        }).ResponseAsync);
        Assert.Equal((StatusCode.NotFound, "AGENCY_NOT_FOUND"), (across.StatusCode, Reason(across)));
        Assert.Equal(nowhere.StatusCode, across.StatusCode);
        Assert.Equal(SecondHomeAffairs, (await host.Dossiers.GetDossierAsync(new GetDossierRequest { ReceiptCode = second.ReceiptCode }, officer)).CurrentAgencyCode);
    }

    [Fact]
    public async Task A_supervisor_reads_their_own_province_and_nothing_of_the_other()
    {
        await using var host = await StartAsync();
        var quangNinh = await QuangNinhDossierAsync(host);
        var second = await SecondProvinceDossierAsync(host);
        var supervisor = Supervisor(Second);
        var agencies = new AgencyService.AgencyServiceClient(host.Channel);
        var reports = new ReportService.ReportServiceClient(host.Channel);
        var audit = new AuditService.AuditServiceClient(host.Channel);

        // Figures: its own province's agencies; another province's agency answers as an unknown code.
        var own = await EventuallyAsync(
            () => agencies.GetAgencyFiguresAsync(new GetAgencyFiguresRequest { AgencyCode = SecondHomeAffairs }, supervisor).ResponseAsync,
            f => f.ByState.Values.Sum() > 0);
        Assert.Equal(1, own.ByState.Values.Sum());
        var foreign = await RefusedAsync(() => agencies.GetAgencyFiguresAsync(new GetAgencyFiguresRequest { AgencyCode = Construction }, supervisor).ResponseAsync);
        var unknown = await RefusedAsync(() => agencies.GetAgencyFiguresAsync(new GetAgencyFiguresRequest { AgencyCode = "H99.77" }, supervisor).ResponseAsync);
        Assert.Equal((StatusCode.NotFound, "AGENCY_NOT_FOUND"), (foreign.StatusCode, Reason(foreign)));
        Assert.Equal(unknown.StatusCode, foreign.StatusCode);
        Assert.Equal(unknown.Status.Detail.Replace("H99.77", Construction, StringComparison.Ordinal), foreign.Status.Detail);

        // The province report counts its own province's dossiers only; Quảng Ninh's supervisor sees its own.
        var today = DateTime.UtcNow.AddHours(7).ToString("yyyy-MM-dd");
        var secondReport = await EventuallyAsync(
            () => reports.GetReportAsync(new GetReportRequest { Province = true, Period = PeriodKind.Year, Date = today }, supervisor).ResponseAsync,
            r => r.Received.Total > 0);
        var quangNinhReport = await EventuallyAsync(
            () => reports.GetReportAsync(new GetReportRequest { Province = true, Period = PeriodKind.Year, Date = today }, Supervisor("H49")).ResponseAsync,
            r => r.Received.Total > 0);
        Assert.Equal(1, secondReport.Received.Total);
        Assert.Equal(1, quangNinhReport.Received.Total);
        Assert.Equal(12, secondReport.Procedures);
        var foreignReport = await RefusedAsync(() => reports.GetReportAsync(
            new GetReportRequest { AgencyCode = Construction, Period = PeriodKind.Year, Date = today }, supervisor).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, foreignReport.StatusCode);

        // A dossier of the other province: its audit and its changes answer as an unknown receipt code.
        Assert.NotEmpty((await EventuallyAsync(
            () => audit.ListDossierAuditAsync(new ListDossierAuditRequest { ReceiptCode = second.ReceiptCode }, supervisor).ResponseAsync,
            a => a.Entries.Count > 0)).Entries);
        var ownAudit = await EventuallyAsync(
            () => audit.ListDossierAuditAsync(new ListDossierAuditRequest { ReceiptCode = quangNinh.ReceiptCode }, Supervisor("H49")).ResponseAsync,
            a => a.Entries.Count > 0);
        Assert.NotEmpty(ownAudit.Entries);
        var foreignAudit = await audit.ListDossierAuditAsync(new ListDossierAuditRequest { ReceiptCode = quangNinh.ReceiptCode }, supervisor);
        var unknownAudit = await audit.ListDossierAuditAsync(new ListDossierAuditRequest { ReceiptCode = "H99.50-200101-9999" }, supervisor);
        Assert.Equal(unknownAudit, foreignAudit);
        Assert.Empty(foreignAudit.Entries);

        using var watch = host.Dossiers.WatchDossier(new WatchDossierRequest { ReceiptCode = quangNinh.ReceiptCode }, supervisor);
        var foreignWatch = await RefusedAsync(() => watch.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(StatusCode.NotFound, foreignWatch.StatusCode);

        // With two provinces served, a supervisor's token must say which.
        var unnamed = await RefusedAsync(() => agencies.GetAgencyFiguresAsync(
            new GetAgencyFiguresRequest { AgencyCode = SecondHomeAffairs }, As(Roles.Supervisor, "sv-x")).ResponseAsync);
        Assert.Equal((StatusCode.PermissionDenied, "NO_PROVINCE"), (unnamed.StatusCode, Reason(unnamed)));
        var notServed = await RefusedAsync(() => agencies.GetAgencyFiguresAsync(
            new GetAgencyFiguresRequest { AgencyCode = SecondHomeAffairs }, Supervisor("H22")).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, notServed.StatusCode);
    }

    [Fact]
    public async Task The_province_page_shows_a_supervisor_their_own_province()
    {
        await using var host = await StartAsync();
        await SecondProvinceDossierAsync(host);
        using var page = new ProvincePageClient(host);
        var token = TestTokens.For(Roles.Supervisor, "sv-h99", Second);

        var snapshot = await EventuallyAsync(() => page.FiguresAsync(token), s => s.GetProperty("province").GetProperty("inProcessing").GetInt32() > 0);
        Assert.All(snapshot.GetProperty("agencies").EnumerateArray(), a => Assert.StartsWith(Second + ".", a.GetProperty("code").GetString() + ".", StringComparison.Ordinal));
        Assert.Equal(1, snapshot.GetProperty("province").GetProperty("inProcessing").GetInt32());

        var foreign = await page.GetAsync(Silo.ProvincePage.ProvincePageComposition.FiguresPath + "/" + Construction, token);
        var unknown = await page.GetAsync(Silo.ProvincePage.ProvincePageComposition.FiguresPath + "/H99.77", token);
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(unknown.StatusCode, foreign.StatusCode);

        // A supervisor token naming a province not served here, or a unit instead of a province, opens nothing.
        foreach (var claim in new[] { "H22", SecondCentre })
        {
            var stranger = TestTokens.For(Roles.Supervisor, "sv-x", claim);
            Assert.Equal(HttpStatusCode.Forbidden, (await page.GetAsync(Silo.ProvincePage.ProvincePageComposition.FiguresPath, stranger)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await page.LogInAsync(stranger)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.SeeOther, (await page.LogInAsync(token)).StatusCode);

        // The operator runs the deployment: every province's agencies.
        var operatorView = await page.FiguresAsync(TestTokens.For(Roles.Operator, "ops"));
        var codes = operatorView.GetProperty("agencies").EnumerateArray().Select(a => a.GetProperty("code").GetString()!).ToList();
        Assert.Contains(Construction, codes);
        Assert.Contains(SecondHomeAffairs, codes);
    }
}
