using System.Collections.Concurrent;
using System.Diagnostics;
using DossierTracking.GrpcApi.V1;
using DossierTracking.IntegrationTests.Infrastructure;
using Grpc.Core;
using static DossierTracking.IntegrationTests.Infrastructure.Requests;

namespace DossierTracking.IntegrationTests.Operations;

/// <summary>
/// On PostgreSQL: one trace runs from the gRPC call through the grain call to the database and reaches the OTLP
/// collector; Npgsql's metrics and the change feed's lag are scraped with the rest.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class TelemetryPostgresTests(PostgresFixture postgres)
{
    private const string Password = "not-for-traces-7f3a";

    [Fact]
    public async Task One_trace_spans_the_grpc_call_the_grain_call_and_the_database_and_reaches_the_collector()
    {
        using var collector = new OtlpReceiver();
        var settings = new Dictionary<string, string?>(await postgres.NewDatabaseSettingsAsync())
        {
            ["Telemetry:OtlpEndpoint"] = collector.Endpoint,
            ["Telemetry:OtlpProtocol"] = "HttpProtobuf",
        };
        // The test server trusts local connections, so a password is ignored; it must not reach a span either.
        settings["Storage:ConnectionString"] += ";Password=" + Password;
        await using var host = await TestHost.StartAsync(settings: settings);
        var code = (await host.Dossiers.SubmitDossierAsync(Submit())).ReceiptCode;

        // The caller (a portal, say) sends a sampled trace context: the silo's parent-based sampler follows it, whatever
        // its own ratio (1% by default). This listener sees the silo's activities of that trace only.
        var traceId = ActivityTraceId.CreateRandom();
        var callerSpan = ActivitySpanId.CreateRandom();
        var seen = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> options) =>
                options.TraceId == traceId ? ActivitySamplingResult.AllDataAndRecorded : ActivitySamplingResult.None,
            ActivityStopped = activity =>
            {
                if (activity.TraceId == traceId)
                {
                    seen.Enqueue(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);

        await host.Dossiers.AcceptDossierAsync(new AcceptDossierRequest { ReceiptCode = code, Actor = Desk() }, Traced(traceId, callerSpan, sampled: true));

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!seen.Any(a => a.Source.Name == "Npgsql") && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        var activities = seen.ToList();
        var server = Assert.Single(activities, a => a.Source.Name == "Microsoft.AspNetCore");
        Assert.Equal((ActivityKind.Server, callerSpan), (server.Kind, server.ParentSpanId));
        Assert.Equal(("/dvc.v1.DossierService/AcceptDossier", "0"), (server.GetTagItem("grpc.method"), server.GetTagItem("grpc.status_code")));
        var grainCall = Assert.Single(activities, a => a.Source.Name == "Microsoft.Orleans.Application" && a.Kind == ActivityKind.Server
            && a.DisplayName.Contains("IDossierGrain", StringComparison.Ordinal));
        var database = activities.Where(a => a.Source.Name == "Npgsql").ToList();
        Assert.NotEmpty(database);
        Assert.True(Descends(grainCall, server, activities), "the grain call is not inside the gRPC call: " + Describe(activities));
        Assert.Contains(database, command => Descends(command, grainCall, activities));

        // The same spans reach the collector (OTLP over HTTP: batches within about 5 s).
        byte[] Bytes(ActivitySpanId span) => Convert.FromHexString(span.ToHexString());
        var exported = new[] { Convert.FromHexString(traceId.ToHexString()), Bytes(server.SpanId), Bytes(grainCall.SpanId), Bytes(database[0].SpanId) };
        while (!collector.Received("/v1/traces", exported) && DateTime.UtcNow < deadline.AddSeconds(30))
        {
            await Task.Delay(250);
        }

        Assert.True(collector.Received("/v1/traces", exported), "the collector got no such spans; paths posted: " + string.Join(", ", collector.Paths));
        Assert.DoesNotContain(activities, a => a.TagObjects.Any(t => t.Value?.ToString()?.Contains(Password, StringComparison.Ordinal) == true));
        Assert.False(collector.Received("/v1/traces", System.Text.Encoding.UTF8.GetBytes(Password)), "the database password reached the collector");

        // Without the listener's interest the silo's own sampler decides: it follows the caller's flag. A call whose
        // caller did not sample it is not exported; one that did, right after it, is.
        var unsampled = ActivityTraceId.CreateRandom();
        var sampledToo = ActivityTraceId.CreateRandom();
        await host.Dossiers.ForwardDossierAsync(new ForwardDossierRequest { ReceiptCode = code, Actor = Desk() }, Traced(unsampled, callerSpan, sampled: false));
        await host.Dossiers.GetDossierAsync(new GetDossierRequest { ReceiptCode = code }, Traced(sampledToo, callerSpan, sampled: true));
        var bytesOf = (ActivityTraceId id) => Convert.FromHexString(id.ToHexString());
        while (!collector.Received("/v1/traces", bytesOf(sampledToo)) && DateTime.UtcNow < deadline.AddSeconds(60))
        {
            await Task.Delay(250);
        }

        Assert.True(collector.Received("/v1/traces", bytesOf(sampledToo)), "a call sampled by its caller was not exported");
        Assert.False(collector.Received("/v1/traces", bytesOf(unsampled)), "a call its caller did not sample was exported");
    }

    private static Metadata Traced(ActivityTraceId trace, ActivitySpanId parent, bool sampled) =>
        new() { { "traceparent", $"00-{trace}-{parent}-{(sampled ? "01" : "00")}" } };

    [Fact]
    public async Task Npgsql_metrics_and_the_change_feeds_lag_are_scraped()
    {
        await using var host = await TestHost.StartAsync(settings: await postgres.NewDatabaseSettingsAsync());
        var before = await MetricsScrape.TakeAsync(host);
        var code = (await host.Dossiers.SubmitDossierAsync(Submit())).ReceiptCode;
        await host.Dossiers.AcceptDossierAsync(new AcceptDossierRequest { ReceiptCode = code, Actor = Desk() });

        var after = await MetricsScrape.UntilAsync(host, s => s.Sum("dvc_feed_lag_seconds_count") > before.Sum("dvc_feed_lag_seconds_count"));
        Assert.True(after.Sum("dvc_feed_lag_seconds_count") > before.Sum("dvc_feed_lag_seconds_count"), "the change feed's lag was not measured");
        Assert.True(after.Sum("db_client_operation_duration_seconds_count") > before.Sum("db_client_operation_duration_seconds_count"), "no Npgsql metrics");
        Assert.True(after.HasPrefix("db_client_connection_"), "no Npgsql pool metrics");
    }

    /// <summary>Whether <paramref name="ancestor"/> is on the way from <paramref name="activity"/> up its parents.</summary>
    private static bool Descends(Activity activity, Activity ancestor, List<Activity> all)
    {
        for (var current = activity; current is not null; current = all.FirstOrDefault(a => a.SpanId == current.ParentSpanId))
        {
            if (current.ParentSpanId == ancestor.SpanId)
            {
                return true;
            }
        }

        return false;
    }

    private static string Describe(IEnumerable<Activity> activities) =>
        string.Join("; ", activities.Select(a => $"{a.Source.Name} {a.Kind} {a.DisplayName} {a.SpanId}<-{a.ParentSpanId}"));
}
