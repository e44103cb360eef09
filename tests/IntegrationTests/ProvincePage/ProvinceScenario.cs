using DossierTracking.GrpcApi.Security;
using DossierTracking.GrpcApi.V1;
using DossierTracking.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using static DossierTracking.IntegrationTests.Agencies.AgencyTestSupport;
using static DossierTracking.IntegrationTests.Infrastructure.Requests;

namespace DossierTracking.IntegrationTests.ProvincePage;

/// <summary>
/// A province with something to show: dossiers of a month ago, now overdue (one finished late), then a burst of
/// concurrent submissions online and at the counter at a department, a district and the service centre, one of them
/// finished early. Ends once every agency concerned counts them all, and answers the agencies' figures over gRPC.
/// </summary>
internal static class ProvinceScenario
{
    /// <summary>Dossiers received on the scenario's "today" (the burst), each counted once in the province.</summary>
    public const int ReceivedToday = BurstPermits + BurstPermitsAtCounter + BurstLand + BurstHousehold;

    private const int BurstPermits = 12;
    private const int BurstPermitsAtCounter = 4;
    private const int BurstLand = 3;
    private const int BurstHousehold = 3;

    public static readonly string[] Agencies = [Centre, Construction, EnvironmentDept, HaLong];

    public static async Task<IReadOnlyDictionary<string, AgencyFigures>> RunAsync(TestHost host, FakeTimeProvider clock)
    {
        var api = host.Dossiers;
        clock.SetUtcNow(Local(2020, 10, 19, 8, 0));
        var old = new List<string>();
        foreach (var procedure in new[] { PermitAdjustment, PermitAdjustment, PermitAdjustment, LandChange })
        {
            var code = (await api.SubmitDossierAsync(Submit(procedure: procedure))).ReceiptCode;
            await api.AcceptDossierAsync(new AcceptDossierRequest { ReceiptCode = code, Actor = Desk() });
            await api.ForwardDossierAsync(new ForwardDossierRequest { ReceiptCode = code, Actor = Desk() });
            old.Add(code);
        }

        // Five weeks on: past the 20 and 10 working days of both procedures.
        clock.SetUtcNow(Local(2020, 11, 23, 9, 30));
        await FinishAsync(api, old[0]);

        var burst = new List<Task<string>>();
        for (var i = 0; i < BurstPermits; i++)
        {
            burst.Add(Code(api.SubmitDossierAsync(Submit()).ResponseAsync, r => r.ReceiptCode));
        }

        for (var i = 0; i < BurstPermitsAtCounter; i++)
        {
            burst.Add(Code(api.ReceiveDossierAsync(Counter()).ResponseAsync, r => r.ReceiptCode));
        }

        for (var i = 0; i < BurstLand; i++)
        {
            burst.Add(Code(api.SubmitDossierAsync(Submit(procedure: LandChange)).ResponseAsync, r => r.ReceiptCode));
        }

        for (var i = 0; i < BurstHousehold; i++)
        {
            burst.Add(Code(api.ReceiveDossierAsync(Counter(HouseholdBusiness, HaLong)).ResponseAsync, r => r.ReceiptCode));
        }

        var codes = await Task.WhenAll(burst);
        var early = codes[0];
        await api.AcceptDossierAsync(new AcceptDossierRequest { ReceiptCode = early, Actor = Desk() });
        await api.ForwardDossierAsync(new ForwardDossierRequest { ReceiptCode = early, Actor = Desk() });
        await FinishAsync(api, early);

        var agencies = new AgencyService.AgencyServiceClient(host.Channel);
        var supervisor = TestTokens.Bearer(TestTokens.For(Roles.Supervisor));
        var expected = new Dictionary<string, int>
        {
            [Construction] = 3 + BurstPermits + BurstPermitsAtCounter,
            [EnvironmentDept] = 1 + BurstLand,
            [HaLong] = BurstHousehold,
            [Centre] = 4 + BurstPermits + BurstPermitsAtCounter + BurstLand,
        };
        var figures = new Dictionary<string, AgencyFigures>();
        foreach (var (agency, total) in expected)
        {
            figures[agency] = await EventuallyAsync(
                () => agencies.GetAgencyFiguresAsync(new GetAgencyFiguresRequest { AgencyCode = agency }, supervisor).ResponseAsync,
                f => f.Total == total && (agency != Construction || f.FinishedEarly + f.FinishedLate == 2));
            Assert.Equal(total, figures[agency].Total);
        }

        Assert.Equal(1, figures[Construction].FinishedEarly);
        Assert.Equal(1, figures[Construction].FinishedLate);
        Assert.True(figures[Construction].OpenOverdue >= 2, "the month-old dossiers are overdue");
        return figures;
    }

    private static async Task FinishAsync(DossierService.DossierServiceClient api, string code)
    {
        await api.RecordResultAsync(new RecordResultRequest { ReceiptCode = code, Actor = Officer(), Result = ResultKind.Approved, DocumentRef = "GPXD-" + code });
        await api.ReturnResultAsync(new ReturnResultRequest { ReceiptCode = code, Actor = Desk(), Method = ReturnMethod.InPerson });
    }

    private static async Task<string> Code<T>(Task<T> call, Func<T, string> code) => code(await call);
}
