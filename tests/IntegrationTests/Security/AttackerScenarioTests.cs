using System.Text;
using DossierTracking.Domain.Dossiers;
using DossierTracking.GrpcApi.Security;
using DossierTracking.GrpcApi.V1;
using DossierTracking.IntegrationTests.Infrastructure;
using Google.Protobuf;
using Google.Rpc;
using Grpc.Core;
using Microsoft.Extensions.Time.Testing;
using static DossierTracking.IntegrationTests.Agencies.AgencyTestSupport;
using static DossierTracking.IntegrationTests.Infrastructure.Requests;

namespace DossierTracking.IntegrationTests.Security;

/// <summary>
/// Attempts that once succeeded with valid but foreign tokens, tried again from outside: each is refused now. (Every
/// RPC that names an object is also in <see cref="ObjectAccessTests"/>.)
/// </summary>
public sealed class AttackerScenarioTests
{
    private readonly FakeTimeProvider _clock = new(Local(2020, 10, 19, 8, 0));

    private static Metadata As(string role, string subject, string agency = "") => TestTokens.Bearer(TestTokens.For(role, subject, agency));

    [Fact]
    public async Task An_officer_searching_by_id_number_finds_only_their_units_dossiers_and_cannot_open_a_page_token()
    {
        await using var host = await TestHost.StartAsync(clock: _clock);
        const string idNumber = "022090007777";
        // One dossier handled by the Department of Construction, two by Natural Resources and Environment.
        var construction = (await host.Dossiers.ReceiveDossierAsync(Counter(PermitAdjustment, idNumber: idNumber))).ReceiptCode;
        var environment = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            var code = (await host.Dossiers.ReceiveDossierAsync(Counter(LandChange, idNumber: idNumber))).ReceiptCode;
            await host.Dossiers.ForwardDossierAsync(new ForwardDossierRequest { ReceiptCode = code, Actor = Desk() });
            environment.Add(code);
        }

        var agencies = new AgencyService.AgencyServiceClient(host.Channel);
        var officer = As(Roles.AgencyOfficer, "cv-tnmt-01", EnvironmentDept);
        var first = await EventuallyAsync(() => agencies.FindDossiersAsync(new FindDossiersRequest { ApplicantIdNumber = idNumber, PageSize = 1 }, officer).ResponseAsync,
            page => page.NextPageToken.Length > 0);
        var second = await agencies.FindDossiersAsync(new FindDossiersRequest { ApplicantIdNumber = idNumber, PageSize = 1, PageToken = first.NextPageToken }, officer);
        Assert.Equal(environment, first.Dossiers.Concat(second.Dossiers).Select(d => d.ReceiptCode));
        Assert.Empty(second.NextPageToken);

        // The token does not carry a receipt code that can be read back, in any encoding.
        var token = first.NextPageToken;
        var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(token.Replace('-', '+').Replace('_', '/').PadRight((token.Length + 3) / 4 * 4, '=')));
        Assert.DoesNotContain("H49", decoded);
        Assert.DoesNotContain("H49", token);

        // Another caller (even of the same unit), another query or a changed byte: refused.
        async Task<(StatusCode, string)> Page(FindDossiersRequest request, Metadata caller)
        {
            var e = await Assert.ThrowsAsync<RpcException>(() => agencies.FindDossiersAsync(request, caller).ResponseAsync);
            return (e.StatusCode, e.GetRpcStatus()!.GetDetail<ErrorInfo>().Reason);
        }

        var refused = (StatusCode.InvalidArgument, "INVALID_PAGE_TOKEN");
        Assert.Equal(refused, await Page(new FindDossiersRequest { ApplicantIdNumber = idNumber, PageSize = 1, PageToken = token }, As(Roles.AgencyOfficer, "cv-tnmt-02", EnvironmentDept)));
        Assert.Equal(refused, await Page(new FindDossiersRequest { ApplicantIdNumber = idNumber, PageSize = 1, PageToken = token }, As(Roles.AgencyOfficer, "cv-01", Construction)));
        Assert.Equal(refused, await Page(new FindDossiersRequest { ApplicantIdNumber = "022090001234", PageSize = 1, PageToken = token }, officer));
        var tampered = token[..^2] + (token[^2] == 'A' ? "B" : "A") + token[^1];
        Assert.Equal(refused, await Page(new FindDossiersRequest { ApplicantIdNumber = idNumber, PageSize = 1, PageToken = tampered }, officer));

        // The construction dossier stays out of reach: not in the search, and the ID number opens nothing for this officer.
        var other = await host.Dossiers.GetDossierAsync(new GetDossierRequest { ReceiptCode = construction, ApplicantIdNumber = idNumber }, officer);
        Assert.Equal(("", ""), (other.Applicant.IdNumber, other.Applicant.Address));
    }

    [Fact]
    public async Task The_post_cannot_close_a_dossier_through_the_dossier_service()
    {
        await using var host = await TestHost.StartAsync(clock: _clock);
        var code = (await host.Dossiers.ReceiveDossierAsync(Counter())).ReceiptCode;
        await host.Dossiers.ForwardDossierAsync(new ForwardDossierRequest { ReceiptCode = code, Actor = Desk() });
        await host.Dossiers.RecordResultAsync(new RecordResultRequest { ReceiptCode = code, Actor = Officer(), Result = ResultKind.Approved });
        var e = await Assert.ThrowsAsync<RpcException>(() => new DossierService.DossierServiceClient(host.Channel).ReturnResultAsync(
            new ReturnResultRequest { ReceiptCode = code, Method = ReturnMethod.Post }, As(Roles.Postal, "vnpost-qn")).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, e.StatusCode);
        Assert.Equal(DossierState.ResultReady, (await host.Dossiers.GetDossierAsync(new GetDossierRequest { ReceiptCode = code })).State);
    }

    [Fact]
    public async Task Wrong_second_factors_are_counted_by_the_dossier_and_lock_it_even_across_a_restart()
    {
        var data = TestHost.NewDataDirectory();
        string code, pin;
        var anonymous = (TestHost host) => new DossierService.DossierServiceClient(host.Channel);
        await using (var host = await TestHost.StartAsync(data, _clock))
        {
            var received = await host.Dossiers.ReceiveDossierAsync(Counter());
            (code, pin) = (received.ReceiptCode, received.LookupPin);

            // Five wrong guesses, from callers with and without tokens: each refused, none served.
            var callers = new Metadata?[] { null, As(Roles.Portal, "p-1"), null, As(Roles.Portal, "p-2"), null };
            for (var i = 0; i < 5; i++)
            {
                var wrong = await Assert.ThrowsAsync<RpcException>(() => anonymous(host).GetDossierAsync(
                    new GetDossierRequest { ReceiptCode = code, ApplicantIdNumber = $"02209000{i:D4}" }, callers[i]).ResponseAsync);
                Assert.Equal(StatusCode.PermissionDenied, wrong.StatusCode);
            }

            // Now even the right PIN is refused for 15 minutes; the public view and the desk are unaffected.
            var locked = await Assert.ThrowsAsync<RpcException>(() => anonymous(host).GetDossierAsync(new GetDossierRequest { ReceiptCode = code, LookupPin = pin }).ResponseAsync);
            Assert.Equal((StatusCode.ResourceExhausted, "SECOND_FACTOR_LOCKED"), (locked.StatusCode, locked.GetRpcStatus()!.GetDetail<ErrorInfo>().Reason));
            Assert.Equal("Nguyễn V. A.", (await anonymous(host).GetDossierAsync(new GetDossierRequest { ReceiptCode = code })).Applicant.FullName);
            Assert.Equal("022090001234", (await host.Dossiers.GetDossierAsync(new GetDossierRequest { ReceiptCode = code },
                As(Roles.DeskOfficer, "mc-01", Centre))).Applicant.IdNumber);
        }

        // A restart gives no fresh tries.
        await using (var host = await TestHost.StartAsync(data, _clock))
        {
            var stillLocked = await Assert.ThrowsAsync<RpcException>(() => anonymous(host).GetDossierAsync(new GetDossierRequest { ReceiptCode = code, LookupPin = pin }).ResponseAsync);
            Assert.Equal(StatusCode.ResourceExhausted, stillLocked.StatusCode);

            _clock.Advance(TimeSpan.FromMinutes(16));
            var opened = await anonymous(host).GetDossierAsync(new GetDossierRequest { ReceiptCode = code, LookupPin = pin });
            Assert.Equal("022090001234", opened.Applicant.IdNumber);
        }
    }

    [Fact]
    public async Task A_portal_acts_for_an_applicant_only_with_the_applicants_pin_and_a_lost_pin_can_be_replaced()
    {
        await using var host = await TestHost.StartAsync(clock: _clock);
        var received = await host.Dossiers.ReceiveDossierAsync(Counter());
        var dossiers = new DossierService.DossierServiceClient(host.Channel);
        var portal = As(Roles.Portal, "portal-zalo");

        var without = await Assert.ThrowsAsync<RpcException>(() => dossiers.WithdrawDossierAsync(new WithdrawDossierRequest { ReceiptCode = received.ReceiptCode }, portal).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, without.StatusCode);

        // The applicant lost the receipt: the desk prints a new PIN; the old one no longer opens anything.
        var reissued = await host.Dossiers.IssueLookupPinAsync(new IssueLookupPinRequest { ReceiptCode = received.ReceiptCode, Actor = Desk() });
        Assert.Matches("^[0-9]{8}$", reissued.LookupPin);
        Assert.NotEqual(received.LookupPin, reissued.LookupPin);
        Assert.Equal(DossierAction.LookupPinIssued, reissued.History[^1].Action);
        var old = await Assert.ThrowsAsync<RpcException>(() => dossiers.WithdrawDossierAsync(
            new WithdrawDossierRequest { ReceiptCode = received.ReceiptCode, LookupPin = received.LookupPin }, portal).ResponseAsync);
        Assert.Equal((without.StatusCode, without.Status.Detail), (old.StatusCode, old.Status.Detail));

        var withdrawn = await dossiers.WithdrawDossierAsync(new WithdrawDossierRequest { ReceiptCode = received.ReceiptCode, LookupPin = reissued.LookupPin, Reason = "Không còn nhu cầu" }, portal);
        Assert.Equal(DossierState.Withdrawn, withdrawn.State);
        Assert.Equal((Party.Portal, "portal-zalo"), (withdrawn.History[^1].Actor.Party, withdrawn.History[^1].Actor.PersonId));
    }

    [Fact]
    public async Task Request_ids_are_each_callers_own()
    {
        await using var host = await TestHost.StartAsync(clock: _clock);
        var dossiers = new DossierService.DossierServiceClient(host.Channel);
        var request = Submit("shared-id-0001");
        var mine = await dossiers.SubmitDossierAsync(request, As(Roles.Portal, "portal-a"));
        Assert.Matches("^[0-9]{8}$", mine.LookupPin);

        // Another portal using the same id neither squats on it nor learns the first portal's dossier.
        var theirs = await dossiers.SubmitDossierAsync(request, As(Roles.Portal, "portal-b"));
        Assert.NotEqual(mine.ReceiptCode, theirs.ReceiptCode);

        // The first portal's retry gets its own dossier back, without the PIN (given once).
        var retry = await dossiers.SubmitDossierAsync(request, As(Roles.Portal, "portal-a"));
        Assert.Equal((mine.ReceiptCode, mine.Version, ""), (retry.ReceiptCode, retry.Version, retry.LookupPin));
    }

    [Fact]
    public async Task An_officer_cannot_grow_a_dossier_without_bound()
    {
        await using var host = await TestHost.StartAsync(clock: _clock);
        var code = (await host.Dossiers.ReceiveDossierAsync(Counter())).ReceiptCode;
        await host.Dossiers.ForwardDossierAsync(new ForwardDossierRequest { ReceiptCode = code, Actor = Desk() });
        var note = new string('ư', 500);
        var tooLong = await Assert.ThrowsAsync<RpcException>(() => host.Dossiers.RecordStepAsync(
            new RecordStepRequest { ReceiptCode = code, Actor = Officer(), Step = "Thẩm định", Note = note + "x" }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, tooLong.StatusCode);

        Dossier last = null!;
        for (var i = 0; i < DossierLimits.MaxSteps; i++)
        {
            last = await host.Dossiers.RecordStepAsync(new RecordStepRequest { ReceiptCode = code, Actor = Officer(), Step = $"Bước {i}", Note = note });
        }

        var full = await Assert.ThrowsAsync<RpcException>(() => host.Dossiers.RecordStepAsync(
            new RecordStepRequest { ReceiptCode = code, Actor = Officer(), Step = "Thêm", Note = note }).ResponseAsync);
        Assert.Equal((StatusCode.ResourceExhausted, "STEP_LIMIT_REACHED"), (full.StatusCode, full.GetRpcStatus()!.GetDetail<ErrorInfo>().Reason));

        var stored = await host.Dossiers.GetDossierAsync(new GetDossierRequest { ReceiptCode = code });
        Assert.Equal(last.Version, stored.Version);
        var publicView = await new DossierService.DossierServiceClient(host.Channel).GetDossierAsync(new GetDossierRequest { ReceiptCode = code });
        Assert.True(publicView.CalculateSize() < 16 * 1024, $"public view of {publicView.CalculateSize():N0} bytes");
    }
}
