using DossierTracking.GrpcApi.Security;
using DossierTracking.GrpcApi.V1;
using DossierTracking.IntegrationTests.Infrastructure;
using Google.Rpc;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.Time.Testing;
using static DossierTracking.IntegrationTests.Infrastructure.Requests;

namespace DossierTracking.IntegrationTests.Audit;

/// <summary>The audit scenarios run against each storage backend.</summary>
public static class AuditScenarios
{
    private const string AuditQuery = "/dvc.v1.AuditService/ListDossierAudit";

    /// <summary>One expected entry: method, role, subject, unit, target, outcome, reason, basis.</summary>
    public sealed record Expected(string Method, string Role, string Subject, string Unit, string Target, string Outcome, string Reason, string Basis);

    /// <summary>
    /// A change, full-record reads, a list, a payment request read, refusals by the access check (no token, wrong role,
    /// expired token) and by the domain (an officer of another unit) all appear in the dossier's audit, once each,
    /// with the right caller and outcome; a public lookup does not. The host is stopped right after the last call and
    /// started again on the same data before the audit is read: the entries were flushed at shutdown and survive.
    /// </summary>
    public static async Task EveryCallOnADossierIsAuditedOnceAndSurvivesARestartAsync(IReadOnlyDictionary<string, string?>? settings)
    {
        var clock = new FakeTimeProvider(Local(2020, 10, 19, 8, 0));
        var data = TestHost.NewDataDirectory();
        string code;
        string otherUnitReason;
        await using (var host = await TestHost.StartAsync(data, clock, settings))
        {
            var dossiers = new DossierService.DossierServiceClient(host.Channel);
            code = (await dossiers.SubmitDossierAsync(Submit(), As(Roles.Portal, "dvc-portal"))).ReceiptCode;
            await dossiers.AcceptDossierAsync(new AcceptDossierRequest { ReceiptCode = code }, As(Roles.DeskOfficer, "mc-01", Centre));
            await dossiers.GetDossierAsync(new GetDossierRequest { ReceiptCode = code }, As(Roles.DeskOfficer, "mc-02", Centre));
            await dossiers.GetDossierAsync(new GetDossierRequest { ReceiptCode = code });
            await dossiers.GetDossierAsync(new GetDossierRequest { ReceiptCode = code, ApplicantIdNumber = Citizen().IdNumber });

            // The list that returns the dossier (the read model follows within about a second; lists that come back without it do not concern it).
            var agencies = new AgencyService.AgencyServiceClient(host.Channel);
            var listed = false;
            for (var deadline = DateTime.UtcNow.AddSeconds(30); !listed && DateTime.UtcNow < deadline;)
            {
                var page = await agencies.ListAgencyDossiersAsync(new ListAgencyDossiersRequest { AgencyCode = Centre, Scope = AgencyScope.Receiving },
                    As(Roles.DeskOfficer, "mc-03", Centre));
                listed = page.Dossiers.Any(d => d.ReceiptCode == code);
                await Task.Delay(listed ? 0 : 100);
            }

            Assert.True(listed, "the dossier never appeared in its desk's list");
            var payments = new PaymentService.PaymentServiceClient(host.Channel);
            await Refused(StatusCode.PermissionDenied, () => payments.GetPaymentRequestAsync(new GetPaymentRequestRequest { PaymentRequestId = code + "/1" }, As(Roles.Payment, "vnpay")));

            await Refused(StatusCode.Unauthenticated, () => dossiers.ForwardDossierAsync(new ForwardDossierRequest { ReceiptCode = code }));
            await Refused(StatusCode.PermissionDenied, () => dossiers.ForwardDossierAsync(new ForwardDossierRequest { ReceiptCode = code }, As(Roles.Payment, "vnpay")));
            var expired = TestTokens.For(Roles.DeskOfficer, "mc-01", Centre, now: DateTimeOffset.UtcNow.AddHours(-3), lifetime: TimeSpan.FromHours(1));
            await Refused(StatusCode.Unauthenticated, () => dossiers.ForwardDossierAsync(new ForwardDossierRequest { ReceiptCode = code }, TestTokens.Bearer(expired)));
            otherUnitReason = await Refused(StatusCode.PermissionDenied,
                () => dossiers.ForwardDossierAsync(new ForwardDossierRequest { ReceiptCode = code }, As(Roles.DeskOfficer, "mc-09", HaLong)));
        }

        Expected[] expected =
        [
            new("/dvc.v1.DossierService/SubmitDossier", "portal", "dvc-portal", "", "", "OK", "", ""),
            new("/dvc.v1.DossierService/AcceptDossier", "desk_officer", "mc-01", Centre, code, "OK", "", ""),
            new("/dvc.v1.DossierService/GetDossier", "desk_officer", "mc-02", Centre, code, "OK", "", "holding-unit"),
            new("/dvc.v1.DossierService/GetDossier", "anonymous", "", "", code, "OK", "", "id-number"),
            new("/dvc.v1.AgencyService/ListAgencyDossiers", "desk_officer", "mc-03", Centre, Centre, "OK", "", ""),
            new("/dvc.v1.PaymentService/GetPaymentRequest", "payment", "vnpay", "", code + "/1", "PERMISSION_DENIED", "NOT_YOUR_PAYMENT_REQUEST", ""),
            new("/dvc.v1.DossierService/ForwardDossier", "anonymous", "", "", code, "UNAUTHENTICATED", "UNAUTHENTICATED", ""),
            new("/dvc.v1.DossierService/ForwardDossier", "payment", "vnpay", "", code, "PERMISSION_DENIED", "ROLE_NOT_ALLOWED", ""),
            new("/dvc.v1.DossierService/ForwardDossier", "invalid-token", "", "", code, "UNAUTHENTICATED", "UNAUTHENTICATED", ""),
            new("/dvc.v1.DossierService/ForwardDossier", "desk_officer", "mc-09", HaLong, code, "PERMISSION_DENIED", otherUnitReason, ""),
        ];
        Assert.Equal("OUTSIDE_AGENCY", otherUnitReason);

        await using var restarted = await TestHost.StartAsync(data, clock, settings);
        var entries = await ReadAuditAsync(restarted.Channel, code, pageSize: 3,
            until: all => all.Count(e => e.Method != AuditQuery) >= expected.Length);
        var calls = entries.Where(e => e.Method != AuditQuery).ToList();
        var actual = calls.Select(e => new Expected(e.Method, e.Role, e.Subject, e.Unit, e.Target, e.Outcome, e.Reason, e.Basis)).ToList();
        Assert.Equal(expected.Select(e => e.ToString()).Order(StringComparer.Ordinal), actual.Select(e => e.ToString()).Order(StringComparer.Ordinal));

        // Newest first, and in the order the calls were made (the stored times are the calls' own).
        Assert.Equal(expected.Select(e => e.Method + e.Role + e.Subject).Reverse(), actual.Select(e => e.Method + e.Role + e.Subject));
        Assert.Equal(entries.Select(e => e.At.ToDateTimeOffset()).OrderDescending(), entries.Select(e => e.At.ToDateTimeOffset()));

        // The supervisor's own reading is audited too (and shows in the next reading), with the province they read for:
        // the only one this deployment serves, as their token names none.
        var later = await ReadAuditAsync(restarted.Channel, code, pageSize: 100, until: all => all.Any(e => e.Method == AuditQuery));
        Assert.Contains(later, e => e is { Method: AuditQuery, Role: "supervisor", Subject: "so-noi-vu", Unit: "H49", Target: var target, Outcome: "OK" } && target == code);
    }

    /// <summary>
    /// A dossier's audit is for supervisors, the portal that submitted it and the applicant with its second factor;
    /// every other role, portal or caller is refused (as for a dossier that does not exist); bad input and foreign page
    /// tokens are INVALID_ARGUMENT.
    /// </summary>
    public static async Task SupervisorsTheSubmittingPortalAndTheApplicantReadTheAuditAsync(IReadOnlyDictionary<string, string?>? settings)
    {
        await using var host = await TestHost.StartAsync(settings: settings);
        var submitted = await host.Dossiers.SubmitDossierAsync(Submit());
        var code = submitted.ReceiptCode;
        var audit = new AuditService.AuditServiceClient(host.Channel);
        var request = new ListDossierAuditRequest { ReceiptCode = code };
        foreach (var role in Roles.All.Where(r => r is not (Roles.Supervisor or Roles.Portal)))
        {
            var reason = await Refused(StatusCode.PermissionDenied,
                () => audit.ListDossierAuditAsync(request, As(role, "x-1", Roles.IsOfficer(role) ? Centre : "")));
            Assert.Equal("ROLE_NOT_ALLOWED", reason);
        }

        // Another portal, and anyone without the second factor, are refused as for a code with no dossier.
        var unknown = new ListDossierAuditRequest { ReceiptCode = "H49.50-201019-9999" };
        Assert.Equal("NOT_YOUR_DOSSIER", await Refused(StatusCode.PermissionDenied, () => audit.ListDossierAuditAsync(request, As(Roles.Portal, "x-1"))));
        Assert.Equal("NOT_YOUR_DOSSIER", await Refused(StatusCode.PermissionDenied, () => audit.ListDossierAuditAsync(unknown, As(Roles.Portal, "x-1"))));
        Assert.Equal("NOT_YOUR_DOSSIER", await Refused(StatusCode.PermissionDenied, () => audit.ListDossierAuditAsync(request)));

        // The submitting portal, and the applicant with the PIN, read it.
        await audit.ListDossierAuditAsync(request, As(Roles.Portal, Portal.PersonId));
        await audit.ListDossierAuditAsync(new ListDossierAuditRequest { ReceiptCode = code, LookupPin = submitted.LookupPin });

        var supervisor = As(Roles.Supervisor, "so-noi-vu");
        var entries = await ReadAuditAsync(host.Channel, code, pageSize: 100,
            until: all => all.Count(e => e is { Method: AuditQuery, Role: not Roles.Supervisor }) >= Roles.All.Count + 2);
        var readers = entries.Where(e => e is { Method: AuditQuery, Role: not Roles.Supervisor }).ToList();
        Assert.Equal(Roles.All.Where(r => r is not (Roles.Supervisor or Roles.Portal)).Order(StringComparer.Ordinal),
            readers.Where(e => e.Reason == "ROLE_NOT_ALLOWED").Select(e => e.Role).Order(StringComparer.Ordinal));
        Assert.Contains(readers, e => e is { Role: "portal", Subject: "x-1", Outcome: "PERMISSION_DENIED", Reason: "NOT_YOUR_DOSSIER" });
        Assert.Contains(readers, e => e is { Role: "anonymous", Outcome: "PERMISSION_DENIED" });
        Assert.Contains(readers, e => e is { Role: "portal", Outcome: "OK" } && e.Subject == Portal.PersonId);
        Assert.Contains(readers, e => e is { Role: "anonymous", Outcome: "OK" });

        Assert.Equal("INVALID_RECEIPT_CODE", await Refused(StatusCode.InvalidArgument,
            () => audit.ListDossierAuditAsync(new ListDossierAuditRequest { ReceiptCode = "H49.50" }, supervisor)));
        var first = await audit.ListDossierAuditAsync(new ListDossierAuditRequest { ReceiptCode = code, PageSize = 1 }, supervisor);
        Assert.NotEmpty(first.NextPageToken);
        var other = (await host.Dossiers.SubmitDossierAsync(Submit())).ReceiptCode;
        Assert.Equal("INVALID_PAGE_TOKEN", await Refused(StatusCode.InvalidArgument,
            () => audit.ListDossierAuditAsync(new ListDossierAuditRequest { ReceiptCode = other, PageToken = first.NextPageToken }, supervisor)));
    }

    /// <summary>Reads a dossier's whole audit as a supervisor, page by page, until <paramref name="until"/> holds (at most 30 s).</summary>
    public static async Task<List<DossierAuditEntry>> ReadAuditAsync(GrpcChannel channel, string code, int pageSize, Func<List<DossierAuditEntry>, bool> until)
    {
        var audit = new AuditService.AuditServiceClient(channel);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var all = new List<DossierAuditEntry>();
            var token = "";
            do
            {
                var page = await audit.ListDossierAuditAsync(new ListDossierAuditRequest { ReceiptCode = code, PageSize = pageSize, PageToken = token },
                    As(Roles.Supervisor, "so-noi-vu"));
                Assert.True(page.Entries.Count <= pageSize);
                all.AddRange(page.Entries);
                token = page.NextPageToken;
            }
            while (token.Length > 0);

            if (until(all) || DateTime.UtcNow > deadline)
            {
                return all;
            }

            await Task.Delay(100);
        }
    }

    public static Metadata As(string role, string subject, string agency = "") => TestTokens.Bearer(TestTokens.For(role, subject, agency));

    /// <summary>Asserts the call is refused with <paramref name="status"/>; returns the ErrorInfo reason.</summary>
    public static async Task<string> Refused<T>(StatusCode status, Func<AsyncUnaryCall<T>> call)
    {
        var e = await Assert.ThrowsAsync<RpcException>(() => call().ResponseAsync);
        Assert.Equal(status, e.StatusCode);
        return e.GetRpcStatus()?.GetDetail<ErrorInfo>()?.Reason ?? "";
    }
}
