using System.Net;
using DossierTracking.GrpcApi.Security;
using DossierTracking.GrpcApi.V1;
using DossierTracking.IntegrationTests.Infrastructure;
using DossierTracking.IntegrationTests.Level4;
using DossierTracking.Silo.Hosting;
using Grpc.Core;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using static DossierTracking.IntegrationTests.Infrastructure.Requests;

namespace DossierTracking.IntegrationTests.Operations;

/// <summary>
/// Metrics for operators: <c>/metrics</c> on the HTTP port, for role operator only, shows the service's own meter moving
/// with the traffic (submissions, changes, lookups, refusals, payments, e-receipts, the post, the relay's lag, the
/// agencies' gauges) beside Orleans, ASP.NET Core and the runtime; the Telemetry settings switch it off or stop start-up.
/// </summary>
[Collection(TelemetryCollection.Name)]
public sealed class TelemetryTests
{
    private readonly FakeTimeProvider _clock = new(Local(2026, 3, 2, 9, 0));

    [Fact]
    public async Task Metrics_are_for_operators_only()
    {
        await using var host = await TestHost.StartAsync(clock: _clock);

        using var anonymous = await MetricsScrape.GetAsync(host, null);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        using var portal = await MetricsScrape.GetAsync(host, TestTokens.For(Roles.Portal, "dvc-portal"));
        Assert.Equal(HttpStatusCode.Forbidden, portal.StatusCode);
        using var supervisor = await MetricsScrape.GetAsync(host, TestTokens.For(Roles.Supervisor, "sv-1"));
        Assert.Equal(HttpStatusCode.Forbidden, supervisor.StatusCode);
        using var expired = await MetricsScrape.GetAsync(host, TestTokens.For(Roles.Operator, "ops", now: DateTimeOffset.UtcNow.AddHours(-2)));
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        using var operatorCall = await MetricsScrape.GetAsync(host, TestTokens.For(Roles.Operator, "ops"));
        Assert.Equal(HttpStatusCode.OK, operatorCall.StatusCode);
        Assert.StartsWith("text/plain", operatorCall.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_scrapes_around_the_traffic_show_the_domain_meters_moving_beside_orleans_and_aspnetcore()
    {
        await using var host = await TestHost.StartAsync(clock: _clock);
        var before = await MetricsScrape.TakeAsync(host);

        // A dossier through intake to a payment, paid (an e-receipt); another to the post, which reports an event.
        var paying = await PaymentApiTests.AwaitingPayment(host);
        var payments = new PaymentService.PaymentServiceClient(host.Invoker);
        var paid = await payments.ReportTransactionAsync(PaymentApiTests.Report(paying, "VNP-1", TransactionStatus.Succeeded, at: Local(2026, 3, 2, 10, 5)));
        Assert.Equal(ReportOutcome.Applied, paid.Outcome);
        var posted = await PostalApiTests.HandedToPost(host);
        var post = new PostalService.PostalServiceClient(host.Invoker);
        _clock.Advance(TimeSpan.FromHours(3));
        await post.ReportDeliveryEventAsync(new ReportDeliveryEventRequest
        {
            TrackingNumber = posted.Shipments[0].TrackingNumber, EventId = "EV-1", Status = ShipmentStatus.InTransit, OccurredAt = At(Local(2026, 3, 2, 11, 0)),
        });

        // Lookups: the public view (no token), the full record (an officer of the receiving desk); and a refusal.
        var anonymous = new DossierService.DossierServiceClient(host.Channel);
        await anonymous.GetDossierAsync(new GetDossierRequest { ReceiptCode = paying });
        await host.Dossiers.GetDossierAsync(new GetDossierRequest { ReceiptCode = paying });
        var refused = await Assert.ThrowsAsync<RpcException>(() => anonymous.AcceptDossierAsync(new AcceptDossierRequest { ReceiptCode = paying }).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);

        // The agencies learn of the changes within about a second (the relay's lag is measured).
        var after = await MetricsScrape.UntilAsync(host, s => s.Sum("dvc_agency_relay_lag_seconds_count") > before.Sum("dvc_agency_relay_lag_seconds_count"));

        void Moved(string name, params string[] labels) =>
            Assert.True(after.Sum(name, labels) > before.Sum(name, labels), $"{name}{{{string.Join(",", labels)}}} did not move: {before.Sum(name, labels)} -> {after.Sum(name, labels)}");
        Moved("dvc_dossier_submissions_total", "channel=\"online\"");
        Moved("dvc_dossier_changes_total", "action=\"submit\"", "channel=\"online\"");
        Moved("dvc_dossier_changes_total", "action=\"accept\"");
        Moved("dvc_dossier_changes_total", "action=\"confirm_payment\"");
        Moved("dvc_dossier_lookups_total", "view=\"public\"");
        Moved("dvc_dossier_lookups_total", "view=\"full\"");
        Moved("dvc_api_refusals_total", "status=\"UNAUTHENTICATED\"", "reason=\"UNAUTHENTICATED\"");
        Moved("dvc_payment_reports_total", "outcome=\"applied\"");
        Moved("dvc_payment_ereceipts_total");
        Moved("dvc_postal_events_total", "status=\"in_transit\"", "outcome=\"applied\"");
        Moved("dvc_agency_relay_lag_seconds_count");

        // The gauges take an agency's counts when it computes its figures (asked again until the relay has brought the
        // payment): the paid dossier is open at the department, and overdue once its 20 working days have passed.
        var agencies = new AgencyService.AgencyServiceClient(host.Invoker);
        var construction = $"agency=\"{Construction}\"";
        async Task<MetricsScrape> CountedUntil(string gauge) => await MetricsScrape.UntilAsync(host, async () =>
            await agencies.GetAgencyFiguresAsync(new GetAgencyFiguresRequest { AgencyCode = Construction }), s => s.Sum(gauge, construction) >= 1);
        var open = await CountedUntil("dvc_agency_dossiers_open");
        Assert.True(open.Sum("dvc_agency_dossiers_open", construction) >= 1, "the department's open dossier is not counted");
        Assert.Equal(0, open.Sum("dvc_agency_dossiers_overdue", construction));
        _clock.Advance(TimeSpan.FromDays(60));
        var overdue = await CountedUntil("dvc_agency_dossiers_overdue");
        Assert.True(overdue.Sum("dvc_agency_dossiers_overdue", construction) >= 1, "the department's overdue dossier is not counted");

        // The frameworks' meters beside them: Orleans (grain storage on SQLite included), ASP.NET Core and Kestrel, the runtime.
        Assert.True(after.HasPrefix("orleans_storage_write"), "no Orleans storage metrics");
        Assert.True(after.HasPrefix("orleans_catalog_activations"), "no Orleans activation metrics");
        Assert.True(after.HasPrefix("orleans_grains"), "no Orleans grain counts");
        // The per-message and per-call instruments cost the hot paths more than they tell an operator; they stay off.
        Assert.False(after.HasPrefix("orleans_messaging_sent_messages"), "per-message Orleans metrics are exported");
        Assert.False(after.HasPrefix("orleans_app_requests_latency"), "per-call Orleans latency is exported");
        Moved("http_server_request_duration_seconds_count", "http_route=\"/dvc.v1.DossierService/AcceptDossier\"");
        Assert.True(after.HasPrefix("kestrel_"), "no Kestrel metrics");
        Assert.True(after.HasPrefix("dotnet_"), "no runtime metrics");
    }

    [Fact]
    public async Task Telemetry_switched_off_serves_no_metrics()
    {
        await using var host = await TestHost.StartAsync(clock: _clock, settings: new Dictionary<string, string?> { ["Telemetry:Enabled"] = "false" });
        using var response = await MetricsScrape.GetAsync(host, TestTokens.For(Roles.Operator, "ops"));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        // The rest of the host is unchanged.
        Assert.NotEmpty((await host.Dossiers.SubmitDossierAsync(Submit())).ReceiptCode);
    }

    [Theory]
    [InlineData("Telemetry:Enabled", "sometimes", "Telemetry")]
    [InlineData("Telemetry:TraceSampleRatio", "1.5", "Telemetry:TraceSampleRatio")]
    [InlineData("Telemetry:OtlpEndpoint", "otel-collector:4317", "Telemetry:OtlpEndpoint")]
    [InlineData("Telemetry:OtlpEndpoint", "http://user:secret@otel-collector:4317", "Telemetry:OtlpEndpoint")]
    [InlineData("Telemetry:OtlpProtocol", "Carrier pigeon", "Telemetry")]
    [InlineData("Telemetry:AgencyGaugeInterval", "00:00:01", "Telemetry:AgencyGaugeInterval")]
    public void A_bad_telemetry_setting_stops_start_up_with_a_message_naming_it(string key, string value, string named)
    {
        var settings = new Dictionary<string, string?>(TestTokens.Settings)
        {
            ["Storage:DataDirectory"] = TestHost.NewDataDirectory(),
            [key] = value,
        };
        var refused = Assert.Throws<OptionsValidationException>(() => DossierHost.CreateBuilder([], settings));
        Assert.Contains(named, refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", refused.Message, StringComparison.Ordinal);
    }
}
