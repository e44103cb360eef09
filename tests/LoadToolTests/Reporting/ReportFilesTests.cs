using System.Text.Json;
using DossierTracking.LoadTests.Configuration;
using DossierTracking.LoadTests.Reporting;

namespace DossierTracking.LoadToolTests.Reporting;

/// <summary>The JSON and the Markdown of one run carry the same database figures, and never the connection string.</summary>
public sealed class ReportFilesTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "lt-report-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void Json_and_markdown_hold_the_database_figures_and_the_targets_but_not_the_connection_string()
    {
        var rows = CeilingRatios.Apply(
        [
            Rows.Of(RowKeys.Upsert, rate: 1000, siloCpu: 100, wal: 1000, postgresCpu: 60, statements: 3, transactions: 1),
            Rows.Of(RowKeys.Accept, rate: 500, siloCpu: 200, wal: 2500, postgresCpu: 90, statements: 7, transactions: 2),
        ]);
        var report = Report(rows, "Host=127.0.0.1;Port=5432;Database=dossiers;Username=postgres;Password=secret-pass");

        var files = ReportFiles.Write(report, folder);
        var json = JsonDocument.Parse(File.ReadAllText(files[0])).RootElement;
        var markdown = File.ReadAllText(files[1]);

        var accept = json.GetProperty("operations")[1];
        Assert.Equal(2500, accept.GetProperty("walBytesPerCall").GetDouble());
        Assert.Equal(90, accept.GetProperty("postgresCpuMicrosPerCall").GetDouble());
        Assert.Equal(7, accept.GetProperty("statementsPerCall").GetDouble());
        Assert.Equal(2.5, accept.GetProperty("walVsCeiling").GetDouble());
        Assert.Equal(4242, json.GetProperty("postgres").GetProperty("postmasterProcessId").GetInt32());
        var wal = json.GetProperty("targets").EnumerateArray().Single(t => t.GetProperty("target").GetString()!.StartsWith("Accept WAL", StringComparison.Ordinal));
        Assert.Equal("Missed", wal.GetProperty("status").GetString());
        Assert.Equal(1.5, wal.GetProperty("bound").GetDouble());

        Assert.Contains("| accept | 1,000 | 500 | 0.50× | 1.00 | 2.00 | 5.00 | 5.00 | 200.0 | 90.0 | 2,500 | 7.00 | 0 |", markdown, StringComparison.Ordinal);
        Assert.Contains("**missed**: Accept WAL ≤ 1.5 × upsert's (2.50× (2,500 vs 1,000 B/call))", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-pass", File.ReadAllText(files[0]), StringComparison.Ordinal);
        Assert.DoesNotContain("secret-pass", markdown, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static RunReport Report(IReadOnlyList<OperationRow> rows, string connection)
    {
        var options = new LoadTestOptions
        {
            Target = new Uri("http://127.0.0.1:5000"),
            Dossiers = 1000,
            Concurrency = 64,
            WarmupSeconds = 20,
            MeasureSeconds = 30,
            Slices = 6,
            Lifecycle = 0,
            Cold = 0,
            HotAgencyDossiers = 0,
            PostgresConnection = connection,
            Phases = new HashSet<Phase> { Phase.Writes },
            OutputDirectory = "unused",
            MaxMinutes = 30,
            Seed = 1,
        };
        return new RunReport
        {
            RunId = "test",
            StartedAtUtc = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero),
            FinishedAtUtc = new DateTimeOffset(2026, 12, 1, 0, 1, 0, TimeSpan.Zero),
            StoppedEarly = null,
            Settings = options,
            Slicing = SlicingSummary.Of(options),
            Machine = new MachineInfo { CpuModel = "test", Processors = 2, MemTotalBytes = null, OperatingSystem = "Linux", Runtime = ".NET" },
            Silo = new SiloInfo { Target = "http://127.0.0.1:5000/", Storage = "PostgreSQL", ActiveSilos = 1, ProcessId = 1, CpuSource = "/proc", CatalogVersion = "1" },
            Postgres = Rows.Postgres(),
            Workload = new WorkloadSummary { Levels = [], TopDesks = [], TopProcedures = [], Warnings = [] },
            Phases = [],
            Operations = rows,
            Submit = null,
            Memory = null,
            HotAgency = null,
            Retries = new RetrySummary(0, new Dictionary<string, long>(), "none"),
            Targets = TargetEvaluator.Evaluate(rows, null, null, null),
            Notes = [],
        };
    }
}
