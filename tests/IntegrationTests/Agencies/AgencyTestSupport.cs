using DossierTracking.GrpcApi.V1;
using static DossierTracking.IntegrationTests.Infrastructure.Requests;

namespace DossierTracking.IntegrationTests.Agencies;

internal static class AgencyTestSupport
{
    /// <summary>
    /// Agencies follow committed changes within about a second (the relays flush every second); the default limit of
    /// 30 s only catches figures that never catch up, also on a busy CI machine.
    /// </summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan? limit = null)
    {
        var deadline = DateTime.UtcNow + (limit ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > deadline)
            {
                return value;
            }

            await Task.Delay(100);
        }
    }

    public static ReceiveDossierRequest Counter(string procedure = PermitAdjustment, string desk = Centre, string? idNumber = null) => new()
    {
        RequestId = "req-" + Guid.NewGuid().ToString("N"),
        ProcedureCode = procedure,
        ReceivingDeskCode = desk,
        Channel = Channel.Counter,
        Applicant = Citizen(idNumber ?? "022090001234"),
        Actor = Desk(desk),
    };
}
