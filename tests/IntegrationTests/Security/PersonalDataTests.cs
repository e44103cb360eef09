using System.Collections.Concurrent;
using System.Diagnostics;
using DossierTracking.GrpcApi.Security;
using DossierTracking.GrpcApi.V1;
using DossierTracking.IntegrationTests.Infrastructure;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using static DossierTracking.IntegrationTests.Infrastructure.Requests;

namespace DossierTracking.IntegrationTests.Security;

/// <summary>
/// Decree 13/2023 in practice: an anonymous lookup shows progress and a masked name, nothing personal; the full
/// record needs the applicant's lookup PIN or ID number, or an officer of a unit holding the dossier; full reads are
/// audited; lookups are throttled; and no log line, at any level, carries the applicant's ID number, phone, e-mail,
/// address or PIN.
/// </summary>
public sealed class PersonalDataTests
{
    private const string IdNumber = "036188004417";
    private const string Phone = "0987 654 321";
    private const string Email = "tran.thi.hoa@example.vn";
    private const string Address = "Số 27 ngõ 4 phố Kênh Liêm, phường Hồng Hải";
    private const string PostAddress = "Tổ 5 khu 3, phường Bãi Cháy, TP Hạ Long";
    private const string Note = "Ghi chú nội bộ: hồ sơ của bà Hoa";

    private static SubmitDossierRequest Seeded()
    {
        var request = Submit();
        request.Applicant = new Applicant { Kind = ApplicantKind.Citizen, FullName = "Trần Thị Hoa", IdNumber = IdNumber, Phone = Phone, Email = Email, Address = Address };
        request.DeliveryMethod = ReturnMethod.Post;
        request.DeliveryAddress = PostAddress;
        request.Note = Note;
        return request;
    }

    [Fact]
    public async Task An_anonymous_lookup_shows_progress_and_a_masked_name_and_nothing_personal()
    {
        await using var host = await TestHost.StartAsync();
        var submitted = await host.Dossiers.SubmitDossierAsync(Seeded());
        var code = submitted.ReceiptCode;
        await host.Dossiers.AcceptDossierAsync(new AcceptDossierRequest { ReceiptCode = code, Actor = Desk(), Note = Note });

        var anonymous = new DossierService.DossierServiceClient(host.Channel);
        var view = await anonymous.GetDossierAsync(new GetDossierRequest { ReceiptCode = code });
        Assert.Equal(("Trần T. H.", DossierState.Received, PermitAdjustment, Centre), (view.Applicant.FullName, view.State, view.ProcedureCode, view.ReceivingDeskCode));
        Assert.NotNull(view.DueAt);
        Assert.Equal(2, view.History.Count);
        Assert.All(view.History, h => Assert.Equal(("", ""), (h.Note, h.Actor.PersonId + h.Actor.PersonName)));
        var text = view.ToString(); // every field, as JSON
        foreach (var personal in new[] { IdNumber, Phone, Email, Address, PostAddress, Note, "Trần Thị Hoa", "Trần Thị Bình", submitted.LookupPin })
        {
            Assert.DoesNotContain(personal, text);
        }

        // The PIN issued with the receipt, or the citizen's ID number, opens the full record; a wrong one is refused.
        Assert.Matches("^[0-9]{8}$", submitted.LookupPin);
        var withPin = await anonymous.GetDossierAsync(new GetDossierRequest { ReceiptCode = code, LookupPin = submitted.LookupPin });
        Assert.Equal((IdNumber, Phone, PostAddress), (withPin.Applicant.IdNumber, withPin.Applicant.Phone, withPin.DeliveryAddress));
        Assert.Equal("", withPin.LookupPin);
        var withId = await anonymous.GetDossierAsync(new GetDossierRequest { ReceiptCode = code, ApplicantIdNumber = IdNumber });
        Assert.Equal((IdNumber, Phone, PostAddress), (withId.Applicant.IdNumber, withId.Applicant.Phone, withId.DeliveryAddress));
        var wrongId = await Assert.ThrowsAsync<RpcException>(() => anonymous.GetDossierAsync(new GetDossierRequest { ReceiptCode = code, ApplicantIdNumber = "036188004418" }).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, wrongId.StatusCode);

        // An officer of the desk holding it sees it in full; an officer of another unit does not.
        var own = await host.Dossiers.GetDossierAsync(new GetDossierRequest { ReceiptCode = code },
            TestTokens.Bearer(TestTokens.For(Roles.DeskOfficer, "mc-02", Centre)));
        Assert.Equal(IdNumber, own.Applicant.IdNumber);
        var other = await host.Dossiers.GetDossierAsync(new GetDossierRequest { ReceiptCode = code },
            TestTokens.Bearer(TestTokens.For(Roles.DeskOfficer, "mc-09", HaLong)));
        Assert.Equal(("", "Trần T. H."), (other.Applicant.IdNumber, other.Applicant.FullName));
    }

    [Fact]
    public async Task The_recorded_actor_is_the_token_not_the_request_body()
    {
        await using var host = await TestHost.StartAsync();
        var request = Submit();
        request.Actor = Desk(); // claims to be a desk officer; the token says portal
        var submitted = await host.Dossiers.SubmitDossierAsync(request, TestTokens.Bearer(TestTokens.For(Roles.Portal, "portal-quangninh", name: "Cổng DVC tỉnh")));
        var actor = submitted.History[0].Actor;
        Assert.Equal((Party.Portal, "portal-quangninh", "Cổng DVC tỉnh", ""), (actor.Party, actor.PersonId, actor.PersonName, actor.AgencyCode));

        // A desk officer's token acts for its own desk whatever the body says.
        var accepted = await host.Dossiers.AcceptDossierAsync(new AcceptDossierRequest { ReceiptCode = submitted.ReceiptCode, Actor = Desk(HaLong) },
            TestTokens.Bearer(TestTokens.For(Roles.DeskOfficer, "mc-05", Centre, "Phạm Văn Đức")));
        Assert.Equal((Party.DeskOfficer, "mc-05", Centre), (accepted.History[^1].Actor.Party, accepted.History[^1].Actor.PersonId, accepted.History[^1].Actor.AgencyCode));
    }

    [Fact]
    public async Task Guessing_receipt_codes_at_full_speed_is_throttled()
    {
        await using var host = await TestHost.StartAsync();
        var anonymous = new DossierService.DossierServiceClient(host.Channel);
        var statuses = new ConcurrentDictionary<StatusCode, int>();
        var guessing = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(1, 300), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
        {
            try
            {
                await anonymous.GetDossierAsync(new GetDossierRequest { ReceiptCode = $"H49.50-201019-{i:D4}" });
                statuses.AddOrUpdate(StatusCode.OK, 1, (_, n) => n + 1);
            }
            catch (RpcException e)
            {
                statuses.AddOrUpdate(e.StatusCode, 1, (_, n) => n + 1);
            }
        });

        // The default allows 10 a second with a burst of 20 per address: a few dozen guesses get an answer at most. A busy
        // machine that takes longer over the 300 calls earns 10 more for each second begun (never fewer than 60 allowed).
        var elapsed = guessing.Elapsed;
        var answered = statuses.GetValueOrDefault(StatusCode.NotFound) + statuses.GetValueOrDefault(StatusCode.OK);
        var allowed = Math.Max(60, 20 + (10 * ((int)Math.Ceiling(elapsed.TotalSeconds) + 1)));
        Assert.True(answered <= allowed, $"{answered} of 300 guesses were answered in {elapsed}, at most {allowed} allowed");
        Assert.True(statuses.GetValueOrDefault(StatusCode.ResourceExhausted) >= 300 - allowed, string.Join(", ", statuses));
        Assert.Empty(statuses.Keys.Except([StatusCode.NotFound, StatusCode.ResourceExhausted]));
    }

    [Fact]
    public async Task No_log_line_carries_an_id_number_phone_email_or_address_and_full_reads_are_audited()
    {
        var lines = new ConcurrentQueue<string>();
        var pin = "";
        await using (var host = await TestHost.StartAsync(
            settings: new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Trace", ["Logging:LogLevel:Orleans"] = "Trace", ["Logging:LogLevel:Microsoft"] = "Trace" },
            logging: logging => logging.AddProvider(new CapturingLoggerProvider(lines)).SetMinimumLevel(LogLevel.Trace)))
        {
            var api = host.Dossiers;
            var submitted = await api.SubmitDossierAsync(Seeded());
            var code = submitted.ReceiptCode;
            pin = submitted.LookupPin;
            await api.AcceptDossierAsync(new AcceptDossierRequest { ReceiptCode = code, Actor = Desk() });
            await api.ForwardDossierAsync(new ForwardDossierRequest { ReceiptCode = code, Actor = Desk() });
            await api.RecordResultAsync(new RecordResultRequest { ReceiptCode = code, Actor = Officer(), Result = ResultKind.Approved, DocumentRef = "GP-1" });
            await api.HandToPostAsync(new HandToPostRequest { ReceiptCode = code, Actor = Desk() });
            await new DossierService.DossierServiceClient(host.Channel).GetDossierAsync(new GetDossierRequest { ReceiptCode = code, ApplicantIdNumber = IdNumber });
            await new DossierService.DossierServiceClient(host.Channel).GetDossierAsync(new GetDossierRequest { ReceiptCode = code, LookupPin = pin });
            await api.GetDossierAsync(new GetDossierRequest { ReceiptCode = code });
            await new AgencyService.AgencyServiceClient(host.Invoker).FindDossiersAsync(new FindDossiersRequest { ApplicantIdNumber = IdNumber });

            // Refused input that carries personal data must not be echoed into logs either.
            var bad = Seeded();
            bad.Applicant.Email = Email + "@@";
            await Assert.ThrowsAsync<RpcException>(() => api.SubmitDossierAsync(bad).ResponseAsync);
            await Task.Delay(1500); // the change relay's batch and its log lines
        }

        var all = string.Join('\n', lines);
        Assert.True(lines.Count > 100, $"only {lines.Count} log lines captured");
        Assert.Matches("^[0-9]{8}$", pin);
        foreach (var personal in new[] { IdNumber, Phone, Email, Address, PostAddress, pin })
        {
            var leaking = lines.Where(l => l.Contains(personal, StringComparison.Ordinal)).Select(l => l.Length > 300 ? l[..300] : l).Take(3).ToList();
            Assert.True(leaking.Count == 0, $"{personal} found in the log:\n" + string.Join("\n", leaking));
        }

        Assert.Contains(lines, l => l.StartsWith("DossierTracking.Audit ", StringComparison.Ordinal) && l.Contains(" full-record ") && l.Contains("basis=id-number"));
        Assert.Contains(lines, l => l.StartsWith("DossierTracking.Audit ", StringComparison.Ordinal) && l.Contains(" full-record ") && l.Contains("basis=holding-unit"));
        Assert.Contains(lines, l => l.StartsWith("DossierTracking.Audit ", StringComparison.Ordinal) && l.Contains(" full-record ") && l.Contains("basis=lookup-pin"));
        Assert.Contains(lines, l => l.StartsWith("DossierTracking.Audit ", StringComparison.Ordinal) && l.Contains("call /dvc.v1.DossierService/AcceptDossier") && l.Contains("role=desk_officer"));
        Assert.Contains(lines, l => l.StartsWith("DossierTracking.Audit ", StringComparison.Ordinal) && l.Contains("call /dvc.v1.AgencyService/FindDossiers"));
    }

    private sealed class CapturingLoggerProvider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Capturing(categoryName, lines);

        public void Dispose()
        {
        }

        private sealed class Capturing(string category, ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull
            {
                lines.Enqueue($"{category} scope: {state}");
                return null;
            }

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue($"{category} {logLevel}: {formatter(state, exception)} {state} {exception}");
        }
    }
}
