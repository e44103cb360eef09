using System.Text.RegularExpressions;
using DossierTracking.GrpcApi.Security;
using DossierTracking.GrpcApi.V1;
using DossierTracking.IntegrationTests.Import;
using DossierTracking.IntegrationTests.Infrastructure;
using DossierTracking.Tools;
using Xunit.Abstractions;
using static DossierTracking.IntegrationTests.Infrastructure.Requests;

namespace DossierTracking.IntegrationTests.Crash;

/// <summary>
/// An import with the silo killed (SIGKILL) half-way, calls in flight: after a restart the same file is run again and
/// every dossier ends up there once, whole, with the read model and the agencies agreeing with the stored dossiers.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed partial class ImportCrashTests(PostgresFixture postgres, ITestOutputHelper output)
{
    private const int Lines = 6_000;
    private static readonly TimeSpan StartupLimit = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task An_import_killed_half_way_and_run_again_leaves_every_dossier_once_and_whole()
    {
        var environment = new Dictionary<string, string>
        {
            ["Storage__Provider"] = "PostgreSql",
            ["Storage__ConnectionString"] = (await postgres.NewDatabaseSettingsAsync())["Storage:ConnectionString"]!,
        };
        var file = Path.Combine(TestHost.NewDataDirectory(), "export.jsonl");
        await File.WriteAllLinesAsync(file, Enumerable.Range(1, Lines).Select(i =>
            ImportLines.Returned($"crash-{i}", Local(2019, 1 + i % 12, 1 + i % 28), i).ToJsonString()));
        var token = TestTokens.For(Roles.Administrator, "admin-1");

        SiloProcess.SiloPorts ports;
        long doneBeforeKill;
        await using (var first = await SiloProcess.StartAsync(environment, StartupLimit))
        {
            ports = first.Ports;
            var progress = new ProgressWriter();
            using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            var run = new ImportRun(new ImportService.ImportServiceClient(CallerToken.WithToken(first.Channel, token)), file, "qn-egov", false)
            {
                Output = progress,
                ProgressInterval = TimeSpan.Zero,
            };
            var running = run.RunAsync(stop.Token);
            while (progress.Done < Lines / 4 && !running.IsCompleted)
            {
                await Task.Delay(50);
            }

            await first.KillAsync();
            doneBeforeKill = progress.Done;
            await Assert.ThrowsAnyAsync<Exception>(() => running);
        }

        output.WriteLine($"{doneBeforeKill} lines answered before the kill");
        Assert.InRange(doneBeforeKill, Lines / 4, Lines - 1);

        await using var second = await SiloProcess.StartAsync(environment, StartupLimit, ports);
        var again = await new ImportRun(new ImportService.ImportServiceClient(CallerToken.WithToken(second.Channel, token)), file, "qn-egov", false)
            .RunAsync(CancellationToken.None);
        output.WriteLine($"second run: {again.Imported} imported, {again.AlreadyImported} already there, {again.Refused} refused");
        Assert.Equal((Lines, 0L), (again.Imported + again.AlreadyImported, again.Refused));
        Assert.True(again.AlreadyImported >= doneBeforeKill, $"{again.AlreadyImported} already there, {doneBeforeKill} answered before the kill");

        // Nothing doubled, nothing half there: the stored dossiers, the read model and the agencies agree, and the year counts each once.
        var agencies = new AgencyService.AgencyServiceClient(CallerToken.WithToken(second.Channel, token));
        var deadline = DateTime.UtcNow.AddSeconds(120);
        RecountAgenciesResponse recount;
        do
        {
            await Task.Delay(1000);
            recount = await agencies.RecountAgenciesAsync(new RecountAgenciesRequest());
        }
        while ((recount.Differences.Count > 0 || recount.ReadModelMissing + recount.ReadModelStale + recount.ReadModelOrphans > 0) && DateTime.UtcNow < deadline);

        Assert.Equal(Lines, recount.Dossiers);
        Assert.Empty(recount.Differences.Select(d => $"{d.AgencyCode} {d.Figure}: live {d.Live}, recounted {d.Recounted}"));
        Assert.Equal((0, 0, 0), (recount.ReadModelMissing, recount.ReadModelStale, recount.ReadModelOrphans));
        var report = await new ReportService.ReportServiceClient(CallerToken.WithToken(second.Channel, TestTokens.For(Roles.Supervisor, "so-1")))
            .GetReportAsync(new GetReportRequest { Province = true, Period = PeriodKind.Year, Date = "2019-06-30" });
        Assert.Equal(Lines, report.Received.Total);
    }

    /// <summary>The import's progress lines, read for the number of lines answered so far.</summary>
    private sealed partial class ProgressWriter : TextWriter
    {
        private long _done;

        public long Done => Interlocked.Read(ref _done);

        public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;

        public override void WriteLine(string? value)
        {
            if (value is not null && DonePattern().Match(value) is { Success: true } match)
            {
                Interlocked.Exchange(ref _done, long.Parse(match.Groups[1].Value.Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        public override Task WriteLineAsync(string? value)
        {
            WriteLine(value);
            return Task.CompletedTask;
        }

        [GeneratedRegex(@"^([\d,]+) lines done")]
        private static partial Regex DonePattern();
    }
}
