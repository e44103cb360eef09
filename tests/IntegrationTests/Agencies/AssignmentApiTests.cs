using DossierTracking.GrpcApi.Security;
using DossierTracking.GrpcApi.V1;
using DossierTracking.IntegrationTests.Infrastructure;
using Grpc.Core;
using static DossierTracking.IntegrationTests.Agencies.AgencyTestSupport;
using static DossierTracking.IntegrationTests.Infrastructure.Requests;

namespace DossierTracking.IntegrationTests.Agencies;

/// <summary>Officers as people: a dossier in processing assigned to one of its agency's officers, their queue, the agency's figures per officer.</summary>
public sealed class AssignmentApiTests
{
    private static Metadata As(string role, string subject, string agency) => TestTokens.Bearer(TestTokens.For(role, subject, agency));

    [Fact]
    public async Task An_officer_assigns_a_dossier_to_a_colleague_whose_queue_list_and_count_show_it_and_no_other_agency_can()
    {
        await using var host = await TestHost.StartAsync();
        var codes = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            var code = (await host.Dossiers.ReceiveDossierAsync(Counter())).ReceiptCode;
            await host.Dossiers.ForwardDossierAsync(new ForwardDossierRequest { ReceiptCode = code, Actor = Desk() });
            codes.Add(code);
        }

        var officer = As(Roles.AgencyOfficer, "cv-07", Construction);
        var dossiers = new DossierService.DossierServiceClient(host.Channel);
        var assigned = await dossiers.AssignDossierAsync(new AssignDossierRequest { ReceiptCode = codes[0], AssigneeId = "cv-09", AssigneeName = "Phạm Thị Dung" }, officer);
        Assert.Equal(("cv-09", "Phạm Thị Dung"), (assigned.AssigneeId, assigned.AssigneeName));
        Assert.Equal((DossierAction.Assign, "cv-07", "cv-09 (Phạm Thị Dung)"), (assigned.History[^1].Action, assigned.History[^1].Actor.PersonId, assigned.History[^1].Note));

        var agencies = new AgencyService.AgencyServiceClient(host.Channel);
        var figures = await EventuallyAsync(() => agencies.GetAgencyFiguresAsync(new GetAgencyFiguresRequest { AgencyCode = Construction }, officer).ResponseAsync,
            f => f.InProcessingByAssignee.GetValueOrDefault("cv-09") == 1);
        Assert.Equal(1, figures.InProcessingByAssignee[""]);
        var queue = await agencies.GetAgencyQueueAsync(new GetAgencyQueueRequest { AgencyCode = Construction, AssigneeId = "cv-09" }, officer);
        Assert.Equal((1, codes[0], "cv-09"), (queue.QueueLength, queue.Dossiers.Single().ReceiptCode, queue.Dossiers.Single().AssigneeId));
        var list = await EventuallyAsync(() => agencies.ListAgencyDossiersAsync(
            new ListAgencyDossiersRequest { AgencyCode = Construction, Scope = AgencyScope.Current, AssigneeId = "cv-09" }, officer).ResponseAsync, l => l.Dossiers.Count == 1);
        Assert.Equal(codes[0], list.Dossiers.Single().ReceiptCode);

        // An officer of another agency, with a valid token, is told what it would be told of a dossier that does not exist.
        var outsider = As(Roles.AgencyOfficer, "cv-01", EnvironmentDept);
        var foreign = await Assert.ThrowsAsync<RpcException>(() => dossiers.AssignDossierAsync(new AssignDossierRequest { ReceiptCode = codes[1], AssigneeId = "cv-01" }, outsider).ResponseAsync);
        var unknown = await Assert.ThrowsAsync<RpcException>(() => dossiers.AssignDossierAsync(new AssignDossierRequest { ReceiptCode = "H49.50-200101-9999", AssigneeId = "cv-01" }, outsider).ResponseAsync);
        Assert.Equal((unknown.StatusCode, unknown.Status.Detail), (foreign.StatusCode, foreign.Status.Detail));
        var desk = await Assert.ThrowsAsync<RpcException>(() => dossiers.AssignDossierAsync(new AssignDossierRequest { ReceiptCode = codes[1], AssigneeId = "x" }, As(Roles.DeskOfficer, "mc-01", Centre)).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, desk.StatusCode);

        // The public view does not name the officer.
        var anonymous = await new DossierService.DossierServiceClient(host.Channel).GetDossierAsync(new GetDossierRequest { ReceiptCode = codes[0] });
        Assert.Equal("", anonymous.AssigneeId);
    }
}
