using DossierTracking.Contracts.Duties;
using DossierTracking.Grains.Agencies;
using DossierTracking.GrpcApi.V1;
using DossierTracking.IntegrationTests.Agencies;
using Microsoft.Extensions.DependencyInjection;
using static DossierTracking.IntegrationTests.Infrastructure.Requests;
using ContractAction = DossierTracking.Contracts.Dossiers.DossierAction;
using IDossierGrain = DossierTracking.Contracts.Dossiers.IDossierGrain;

namespace DossierTracking.IntegrationTests.Duties;

/// <summary>
/// Dossiers that will owe each duty, made through the gRPC API on a fake clock, and the sweep as a test drives it.
/// Received at the centre's desk Monday 2020-10-19 09:00 for a 20-working-day procedure: due Monday 2020-11-16 09:00,
/// due soon from Friday 2020-11-13 09:00.
/// </summary>
internal static class DutyScenario
{
    public static readonly DateTimeOffset Received = Local(2020, 10, 19, 9, 0);
    public static readonly DateTimeOffset Due = Local(2020, 11, 16, 9, 0);
    public static readonly DateTimeOffset DueSoonFrom = Local(2020, 11, 13, 9, 0);

    /// <summary>Settings with the hosts' own sweep off (as <see cref="Infrastructure.TestHost"/> has it anyway): the test sweeps when it means to.</summary>
    public static readonly IReadOnlyDictionary<string, string?> ManualSweep = new Dictionary<string, string?> { ["Duties:Enabled"] = "false" };

    public static async Task<string> ProcessingAsync(DossierService.DossierServiceClient api, ReturnMethod delivery = ReturnMethod.InPerson)
    {
        var request = AgencyTestSupport.Counter();
        if (delivery == ReturnMethod.Post)
        {
            request.DeliveryMethod = ReturnMethod.Post;
            request.DeliveryAddress = "Số 5 phố Lê Thánh Tông, phường Hồng Gai, TP Hạ Long";
        }

        var code = (await api.ReceiveDossierAsync(request)).ReceiptCode;
        await api.ForwardDossierAsync(new ForwardDossierRequest { ReceiptCode = code, Actor = Desk() });
        return code;
    }

    public static async Task<string> AwaitingSupplementAsync(DossierService.DossierServiceClient api, DateTimeOffset deadline)
    {
        var code = await ProcessingAsync(api);
        await api.RequestSupplementAsync(new RequestSupplementRequest
        {
            ReceiptCode = code,
            Actor = Officer(),
            MissingItems = { "Bản vẽ thiết kế" },
            Reason = "Thiếu bản vẽ",
            Deadline = At(deadline),
        });
        return code;
    }

    public static async Task<string> ResultReadyAsync(DossierService.DossierServiceClient api, bool byPost)
    {
        var code = await ProcessingAsync(api, byPost ? ReturnMethod.Post : ReturnMethod.InPerson);
        await api.RecordResultAsync(new RecordResultRequest { ReceiptCode = code, Actor = Officer(), Result = ResultKind.Approved, DocumentRef = "GP-1" });
        if (byPost)
        {
            await api.HandToPostAsync(new HandToPostRequest { ReceiptCode = code, Actor = Desk() });
        }

        return code;
    }

    /// <summary>One round of the sweep, after the read model caught up with every change so far (the relay flushes each second).</summary>
    public static async Task<DutySweepReport> SweepAsync(IServiceProvider host)
    {
        await host.GetRequiredService<DossierChangeRelay>().FlushAsync();
        return await host.GetRequiredService<IGrainFactory>().GetGrain<IDutySweepGrain>(0).SweepAsync();
    }

    /// <summary>The dossier's history actions, read from the dossier itself.</summary>
    public static async Task<IReadOnlyList<Contracts.Dossiers.HistoryEntry>> HistoryAsync(IGrainFactory grains, string code) =>
        (await grains.GetGrain<IDossierGrain>(code).GetAsync()).Dossier!.History;

    public static async Task<int> CountAsync(IGrainFactory grains, string code, ContractAction action) =>
        (await HistoryAsync(grains, code)).Count(h => h.Action == action);
}
