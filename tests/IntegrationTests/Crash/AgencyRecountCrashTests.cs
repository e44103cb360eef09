using System.Diagnostics;
using DossierTracking.Contracts.Catalog;
using DossierTracking.Domain.Catalog;
using DossierTracking.GrpcApi.V1;
using DossierTracking.IntegrationTests.Infrastructure;
using DossierTracking.Silo.Hosting;
using Grpc.Core;
using Xunit.Abstractions;
using static DossierTracking.IntegrationTests.Infrastructure.Requests;

namespace DossierTracking.IntegrationTests.Crash;

/// <summary>
/// Dossiers with random lifecycles across the province's agencies, the silo killed with SIGKILL half-way (with calls in
/// flight), restarted, the second half created: the recount from the dossiers' stored state finds no difference in
/// any agency's figures or in the read model.
/// DVC_RECOUNT_DOSSIERS sets the number of dossiers (the suite's default keeps CI short; 50,000 was run by hand).
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class AgencyRecountCrashTests(PostgresFixture postgres, ITestOutputHelper output)
{
    private static readonly TimeSpan StartupLimit = TimeSpan.FromSeconds(60);
    private static readonly int Dossiers = int.TryParse(Environment.GetEnvironmentVariable("DVC_RECOUNT_DOSSIERS"), out var n) ? n : 2_000;

    [Fact]
    public async Task After_kill_9_mid_load_on_PostgreSQL_the_recount_finds_no_difference() =>
        await RunAsync(new Dictionary<string, string>
        {
            ["Storage__Provider"] = "PostgreSql",
            ["Storage__ConnectionString"] = (await postgres.NewDatabaseSettingsAsync())["Storage:ConnectionString"]!,
        });

    [Fact]
    public async Task After_kill_9_mid_load_on_SQLite_the_recount_finds_no_difference() =>
        await RunAsync(new Dictionary<string, string> { ["Storage__DataDirectory"] = TestHost.NewDataDirectory() });

    private async Task RunAsync(Dictionary<string, string> environment)
    {
        var plan = new LoadPlan(ReferenceCatalog.LoadEmbedded());
        SiloProcess.SiloPorts ports;
        var stopwatch = Stopwatch.StartNew();
        int created;
        await using (var first = await SiloProcess.StartAsync(environment, StartupLimit))
        {
            ports = first.Ports;
            created = await plan.RunAsync(first, Dossiers / 2, killAtEnd: true);
        }

        output.WriteLine($"{created} dossiers created before the kill, in {stopwatch.Elapsed}");
        Assert.True(created >= Dossiers / 2, $"only {created} dossiers were created");

        await using var second = await SiloProcess.StartAsync(environment, StartupLimit, ports);
        created += await plan.RunAsync(second, Dossiers - created, killAtEnd: false);
        output.WriteLine($"{created} dossiers created in all, in {stopwatch.Elapsed}");
        var agencies = new AgencyService.AgencyServiceClient(second.Invoker);
        RecountAgenciesResponse report;
        // The crash repair and the relays' batches settle within seconds; the bound only catches one that never does.
        var deadline = DateTime.UtcNow.AddSeconds(120);
        do
        {
            await Task.Delay(1000);
            report = await agencies.RecountAgenciesAsync(new RecountAgenciesRequest());
        }
        while (!Clean(report) && DateTime.UtcNow < deadline);

        output.WriteLine($"recount after restart: {report.Dossiers} dossiers, {report.Differences.Count} differences, read model " +
            $"{report.ReadModelMissing}/{report.ReadModelStale}/{report.ReadModelOrphans} missing/stale/orphans");
        Assert.True(report.Dossiers >= created, $"{report.Dossiers} stored dossiers, {created} acknowledged");
        Assert.Empty(report.Differences.Select(d => $"{d.AgencyCode} {d.Figure}: live {d.Live}, recounted {d.Recounted}"));
        Assert.Equal((0, 0, 0), (report.ReadModelMissing, report.ReadModelStale, report.ReadModelOrphans));

        // The operator's command says the same.
        var start = new ProcessStartInfo("dotnet", [typeof(DossierHost).Assembly.Location, "recount", "--target", $"http://127.0.0.1:{ports.Grpc}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment[Tools.CallerToken.Variable] = TestTokens.For(GrpcApi.Security.Roles.Administrator, "recount");
        var command = Process.Start(start)!;
        var printed = await command.StandardOutput.ReadToEndAsync();
        await command.WaitForExitAsync();
        output.WriteLine(printed);
        Assert.Equal(0, command.ExitCode);
        Assert.Contains("Agency figures: no difference.", printed);
    }

    private static bool Clean(RecountAgenciesResponse r) =>
        r.Differences.Count == 0 && r.ReadModelMissing + r.ReadModelStale + r.ReadModelOrphans == 0;

    /// <summary>Creates dossiers over every level and moves each a random way along its lifecycle, 16 at a time.</summary>
    private sealed class LoadPlan(ICatalog catalog)
    {
        private readonly IReadOnlyList<(ProcedureInfo Procedure, string Desk)> _choices = catalog.Procedures
            .SelectMany(p => catalog.Agencies.Where(a => a.IsReceivingDesk && a.Level == p.AgencyLevel).Take(3).Select(a => (p, a.Code)))
            .ToList();

        /// <summary>Creates <paramref name="total"/> dossiers; with <paramref name="killAtEnd"/> the silo is killed as the last one is acknowledged, with calls in flight.</summary>
        public async Task<int> RunAsync(SiloProcess silo, int total, bool killAtEnd)
        {
            var created = 0;
            var killed = 0;
            var api = silo.Dossiers;
            async Task Worker(int seed)
            {
                var random = new Random(seed);
                while (Volatile.Read(ref killed) == 0 && Volatile.Read(ref created) < total)
                {
                    try
                    {
                        await OneDossier(api, random);
                    }
                    catch (RpcException) when (Volatile.Read(ref killed) == 1)
                    {
                        return;
                    }

                    if (Interlocked.Increment(ref created) == total && killAtEnd && Interlocked.Exchange(ref killed, 1) == 0)
                    {
                        await silo.KillAsync();
                        return;
                    }
                }
            }

            await Task.WhenAll(Enumerable.Range(0, 16).Select(Worker));
            return created;
        }

        private async Task OneDossier(DossierService.DossierServiceClient api, Random random)
        {
            var (procedure, desk) = _choices[random.Next(_choices.Count)];
            Dossier dossier = procedure.ServiceLevel >= 3 && random.Next(10) < 7
                ? await api.SubmitDossierAsync(Submit(procedure: procedure.Code, desk: desk))
                : await api.ReceiveDossierAsync(new ReceiveDossierRequest
                {
                    RequestId = "req-" + Guid.NewGuid().ToString("N"),
                    ProcedureCode = procedure.Code,
                    ReceivingDeskCode = desk,
                    Channel = random.Next(4) == 0 ? Channel.Postal : Channel.Counter,
                    Applicant = Citizen(),
                    Actor = Desk(desk),
                });
            var code = dossier.ReceiptCode;
            if (dossier.State == DossierState.Submitted)
            {
                switch (random.Next(10))
                {
                    case 0: return;
                    case 1:
                        await api.RefuseIntakeAsync(new RefuseIntakeRequest { ReceiptCode = code, Actor = Desk(desk), Reason = "Hồ sơ không hợp lệ" });
                        return;
                    default:
                        dossier = await api.AcceptDossierAsync(new AcceptDossierRequest { ReceiptCode = code, Actor = Desk(desk) });
                        break;
                }
            }

            if (random.Next(10) < 3)
            {
                return;
            }

            dossier = await api.ForwardDossierAsync(new ForwardDossierRequest { ReceiptCode = code, Actor = Desk(desk) });
            if (random.Next(10) < 4)
            {
                return;
            }

            await api.RecordResultAsync(new RecordResultRequest
            {
                ReceiptCode = code, Actor = Officer(dossier.HandlingAgencyCode), Result = ResultKind.Approved, DocumentRef = "KQ-" + random.Next(100_000),
            });
            if (random.Next(10) < 4)
            {
                return;
            }

            await api.ReturnResultAsync(new ReturnResultRequest { ReceiptCode = code, Actor = Desk(desk), Method = ReturnMethod.InPerson });
        }
    }
}
