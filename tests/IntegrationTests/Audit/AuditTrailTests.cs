using System.Collections.Concurrent;
using DossierTracking.GrpcApi.Security;
using DossierTracking.GrpcApi.V1;
using DossierTracking.IntegrationTests.Infrastructure;
using DossierTracking.Silo.Audit;
using DossierTracking.Silo.Configuration;
using DossierTracking.Silo.Storage;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static DossierTracking.IntegrationTests.Audit.AuditScenarios;
using static DossierTracking.IntegrationTests.Infrastructure.Requests;

namespace DossierTracking.IntegrationTests.Audit;

/// <summary>The stored audit trail on SQLite: what is recorded, who may read it, and what never reaches it.</summary>
public sealed class AuditTrailTests
{
    [Fact]
    public Task Every_call_on_a_dossier_is_audited_once_with_its_caller_and_outcome_and_survives_a_restart() =>
        EveryCallOnADossierIsAuditedOnceAndSurvivesARestartAsync(settings: null);

    [Fact]
    public Task Supervisors_the_submitting_portal_and_the_applicant_read_a_dossiers_audit_and_no_one_else() => SupervisorsTheSubmittingPortalAndTheApplicantReadTheAuditAsync(settings: null);

    [Fact]
    public async Task A_malformed_target_or_claim_reaches_neither_the_log_nor_the_audit_as_sent()
    {
        var lines = new ConcurrentQueue<string>();
        await using var host = await TestHost.StartAsync(settings: new Dictionary<string, string?> { ["Logging:LogLevel:DossierTracking.Audit"] = "Information" },
            logging: logging => logging.AddProvider(new LineCapture(lines)));
        var code = (await host.Dossiers.SubmitDossierAsync(Submit())).ReceiptCode;
        var dossiers = new DossierService.DossierServiceClient(host.Channel);
        var desk = As(Roles.DeskOfficer, "mc-01", Centre);

        // A forged audit line after a line break, and a target near the 1 MiB request limit.
        await Refused(StatusCode.InvalidArgument, () => dossiers.AcceptDossierAsync(new AcceptDossierRequest { ReceiptCode = code + "\r\nAUDIT forged role=admin" }, desk));
        await Refused(StatusCode.InvalidArgument, () => dossiers.AcceptDossierAsync(new AcceptDossierRequest { ReceiptCode = new string('H', 1_000_000) }, desk));
        // A token whose subject and agency carry line breaks: the role check refuses it, and the audit shows the claims escaped.
        var forged = TestTokens.Bearer(TestTokens.For(Roles.Payment, "vnpay\nAUDIT forged", "H49.50\r\nx"));
        await Refused(StatusCode.PermissionDenied, () => dossiers.AcceptDossierAsync(new AcceptDossierRequest { ReceiptCode = code }, forged));

        var audit = lines.Where(l => l.StartsWith("DossierTracking.Audit ", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, audit.Count(l => l.Contains("call /dvc.v1.DossierService/AcceptDossier target=(invalid) ", StringComparison.Ordinal)
            && l.Contains("outcome=INVALID_ARGUMENT reason=INVALID_RECEIPT_CODE", StringComparison.Ordinal)));
        Assert.Contains(audit, l => l.Contains("role=payment subject=vnpay\\u000AAUDIT\\u0020forged agency=(invalid) outcome=PERMISSION_DENIED", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("AUDIT forged", StringComparison.Ordinal) || l.Contains("HHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHH", StringComparison.Ordinal));
        Assert.All(audit, l => Assert.True(l.Length < 1000, l));

        // Not a well-formed receipt code, so no dossier's audit shows these; the refused token's call is in the dossier's.
        var entries = await ReadAuditAsync(host.Channel, code, pageSize: 100, until: all => all.Any(e => e.Role == Roles.Payment));
        var refused = Assert.Single(entries, e => e.Role == Roles.Payment);
        Assert.Equal(("vnpay\\u000AAUDIT\\u0020forged", "(invalid)", code), (refused.Subject, refused.Unit, refused.Target));
    }

    [Fact]
    public async Task Retention_deletes_entries_older_than_it()
    {
        await using var host = await TestHost.StartAsync();
        var code = (await host.Dossiers.SubmitDossierAsync(Submit())).ReceiptCode;
        Assert.NotEmpty(await ReadAuditAsync(host.Channel, code, pageSize: 10, until: all => all.Any(e => e.Method.EndsWith("/SubmitDossier", StringComparison.Ordinal))));

        var retention = host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<AuditOptions>>().Value.Retention;
        var partitions = host.Services.GetRequiredService<AuditPartitions>();
        var kept = await partitions.RunAsync(DateTimeOffset.UtcNow, retention, CancellationToken.None);
        Assert.Equal(0, kept.DeletedRows);
        var past = await partitions.RunAsync(DateTimeOffset.UtcNow + retention + TimeSpan.FromDays(1), retention, CancellationToken.None);
        Assert.True(past.DeletedRows >= 2, $"{past.DeletedRows} rows deleted");
        Assert.DoesNotContain(await ReadAuditAsync(host.Channel, code, pageSize: 10, until: _ => true), e => e.Method.EndsWith("/SubmitDossier", StringComparison.Ordinal));
        Assert.Equal(0, host.Services.GetRequiredService<AuditWriter>().Dropped);
    }
}
