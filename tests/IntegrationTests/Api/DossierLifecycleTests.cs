using DossierTracking.GrpcApi.V1;
using DossierTracking.IntegrationTests.Infrastructure;
using Grpc.Core;
using Microsoft.Extensions.Time.Testing;
using static DossierTracking.IntegrationTests.Infrastructure.Requests;

namespace DossierTracking.IntegrationTests.Api;

/// <summary>A dossier's whole life through the gRPC API, on the embedded storage, with a fake domain clock.</summary>
public sealed class DossierLifecycleTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private readonly FakeTimeProvider _clock = fixture.Clock;
    private readonly TestHost _host = fixture.Host;

    [Fact]
    public async Task Submit_accept_forward_supplement_result_return_with_full_history_and_due_date()
    {
        var api = _host.Dossiers;
        var submitted = await api.SubmitDossierAsync(Submit());
        Assert.Matches(@"^H49\.50-201019-\d{4}$", submitted.ReceiptCode);
        Assert.Equal(DossierState.Submitted, submitted.State);
        Assert.Null(submitted.DueAt);
        var code = submitted.ReceiptCode;

        _clock.SetUtcNow(Local(2020, 10, 19, 9, 0));
        var accepted = await api.AcceptDossierAsync(new AcceptDossierRequest { ReceiptCode = code, Actor = Desk(), ExpectedVersion = 1 });
        Assert.Equal(DossierState.Received, accepted.State);
        Assert.Equal(Local(2020, 11, 16, 9, 0), accepted.DueAt.ToDateTimeOffset()); // 20 working days

        _clock.SetUtcNow(Local(2020, 10, 19, 10, 0));
        var forwarded = await api.ForwardDossierAsync(new ForwardDossierRequest { ReceiptCode = code, Actor = Desk() });
        Assert.Equal(DossierState.InProcessing, forwarded.State);
        Assert.Equal(Construction, forwarded.CurrentAgencyCode);

        _clock.SetUtcNow(Local(2020, 10, 20, 9, 0));
        var waiting = await api.RequestSupplementAsync(new RequestSupplementRequest
        {
            ReceiptCode = code,
            Actor = Officer(),
            MissingItems = { "Bản vẽ thiết kế điều chỉnh" },
            Reason = "Thiếu bản vẽ",
            Deadline = At(Local(2020, 10, 30, 17, 0)),
        });
        Assert.Equal(DossierState.AwaitingSupplement, waiting.State);
        Assert.Equal("Bản vẽ thiết kế điều chỉnh", Assert.Single(waiting.Supplement.MissingItems));

        _clock.SetUtcNow(Local(2020, 10, 22, 14, 0));
        var resumed = await api.ReceiveSupplementAsync(new ReceiveSupplementRequest { ReceiptCode = code, Actor = Desk() });
        Assert.Equal(DossierState.InProcessing, resumed.State);
        Assert.Equal(Local(2020, 11, 19, 14, 0), resumed.DueAt.ToDateTimeOffset()); // restart rule: 20 working days from the supplement

        _clock.SetUtcNow(Local(2020, 11, 2, 10, 0));
        var ready = await api.RecordResultAsync(new RecordResultRequest { ReceiptCode = code, Actor = Officer(), Result = ResultKind.Approved, DocumentRef = "GPXD-2020-118" });
        Assert.Equal(DossierState.ResultReady, ready.State);

        _clock.SetUtcNow(Local(2020, 11, 3, 9, 0));
        await api.ReturnResultAsync(new ReturnResultRequest { ReceiptCode = code, Actor = Desk(), Method = ReturnMethod.InPerson });

        var dossier = await api.GetDossierAsync(new GetDossierRequest { ReceiptCode = code });
        Assert.Equal(DossierState.ResultReturned, dossier.State);
        Assert.Equal(10, dossier.StateCode);
        Assert.Equal(7, dossier.Version);
        Assert.Equal(Timeliness.Early, dossier.Timeliness);
        Assert.Equal(Local(2020, 11, 19, 14, 0), dossier.DueAt.ToDateTimeOffset());
        Assert.StartsWith("Điều chỉnh giấy phép xây dựng", dossier.ProcedureName);
        Assert.Equal(
            [DossierAction.Submit, DossierAction.Accept, DossierAction.Forward, DossierAction.RequestSupplement,
             DossierAction.ReceiveSupplement, DossierAction.RecordResult, DossierAction.ReturnResult],
            dossier.History.Select(h => h.Action));
        Assert.Equal([Party.Portal, Party.DeskOfficer, Party.DeskOfficer, Party.AgencyOfficer, Party.DeskOfficer, Party.AgencyOfficer, Party.DeskOfficer],
            dossier.History.Select(h => h.Actor.Party));
        Assert.Equal("Trần Thị Bình", dossier.History[1].Actor.PersonName);
        Assert.Equal(Local(2020, 10, 20, 9, 0), dossier.History[3].At.ToDateTimeOffset());
        var pause = Assert.Single(dossier.Pauses);
        Assert.Equal(Local(2020, 10, 22, 14, 0), pause.EndedAt.ToDateTimeOffset());
    }

    [Fact]
    public async Task An_illegal_transition_names_the_current_state_and_changes_nothing()
    {
        var submitted = await _host.Dossiers.SubmitDossierAsync(Submit());
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await _host.Dossiers.ForwardDossierAsync(new ForwardDossierRequest { ReceiptCode = submitted.ReceiptCode, Actor = Desk() }));
        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Contains("Submitted (1)", error.Status.Detail);

        var after = await _host.Dossiers.GetDossierAsync(new GetDossierRequest { ReceiptCode = submitted.ReceiptCode });
        Assert.Equal(1, after.Version);
        Assert.Single(after.History);
    }

    [Fact]
    public async Task A_stale_expected_version_is_aborted()
    {
        var submitted = await _host.Dossiers.SubmitDossierAsync(Submit());
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await _host.Dossiers.AcceptDossierAsync(new AcceptDossierRequest { ReceiptCode = submitted.ReceiptCode, Actor = Desk(), ExpectedVersion = 2 }));
        Assert.Equal(StatusCode.Aborted, error.StatusCode);
    }

    [Fact]
    public async Task A_desk_officer_of_another_desk_is_denied()
    {
        var submitted = await _host.Dossiers.SubmitDossierAsync(Submit());
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await _host.Dossiers.AcceptDossierAsync(new AcceptDossierRequest { ReceiptCode = submitted.ReceiptCode, Actor = Desk(HaLong) }));
        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
    }

    [Fact]
    public async Task A_counter_dossier_at_a_district_desk_starts_received_with_its_due_date()
    {
        var request = new ReceiveDossierRequest
        {
            RequestId = "counter-" + Guid.NewGuid().ToString("N"),
            ProcedureCode = HouseholdBusiness,
            ReceivingDeskCode = HaLong,
            Channel = GrpcApi.V1.Channel.Counter,
            Applicant = Citizen(),
            Actor = Desk(HaLong),
        };
        var received = await _host.Dossiers.ReceiveDossierAsync(request);
        Assert.StartsWith("H49.193-", received.ReceiptCode);
        Assert.Equal(DossierState.Received, received.State);
        Assert.Equal(HaLong, received.HandlingAgencyCode);
        Assert.NotNull(received.DueAt);
        Assert.Equal(Timeliness.WithinDeadline, received.Timeliness);
    }

    [Fact]
    public async Task Transfer_to_a_coordinating_agency_and_back_is_recorded()
    {
        var code = (await _host.Dossiers.SubmitDossierAsync(Submit())).ReceiptCode;
        await _host.Dossiers.AcceptDossierAsync(new AcceptDossierRequest { ReceiptCode = code, Actor = Desk() });
        await _host.Dossiers.ForwardDossierAsync(new ForwardDossierRequest { ReceiptCode = code, Actor = Desk() });
        var away = await _host.Dossiers.TransferDossierAsync(new TransferDossierRequest
        {
            ReceiptCode = code, Actor = Officer(), CoordinatingAgencyCode = EnvironmentDept, StepLimitWorkingDays = 5, Note = "Xin ý kiến về đất đai",
        });
        Assert.Equal(EnvironmentDept, away.CurrentAgencyCode);
        Assert.NotNull(away.History[^1].StepDueAt);

        var back = await _host.Dossiers.ReturnFromTransferAsync(new ReturnFromTransferRequest { ReceiptCode = code, Actor = Officer(EnvironmentDept) });
        Assert.Equal(Construction, back.CurrentAgencyCode);
        Assert.Equal("Xin ý kiến về đất đai", back.History[^2].Note);
    }
}
