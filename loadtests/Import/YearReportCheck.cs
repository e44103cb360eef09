using System.Diagnostics;
using DossierTracking.GrpcApi.V1;
using Grpc.Core;

namespace DossierTracking.LoadTests.Import;

/// <summary>
/// Asks the province's report for 2020 until its online receipts reach the expected count, or stop moving, or the
/// wait is over: reports are queries on the read model, which the silo may feed after it answered the import.
/// </summary>
public static class YearReportCheck
{
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan Settled = TimeSpan.FromSeconds(15);

    public sealed record Outcome(long ReceivedOnline, long ReceivedTotal, double WaitSeconds, bool Matches, string? Error);

    public static async Task<Outcome> WaitForAsync(ReportService.ReportServiceClient reports, int year, long expectedOnline, TimeSpan limit, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        long online = -1, total = -1;
        var changedAt = TimeSpan.Zero;
        while (true)
        {
            try
            {
                var report = await reports.GetReportAsync(
                    new GetReportRequest { Province = true, Period = PeriodKind.Year, Date = $"{year}-01-01" },
                    new CallOptions(deadline: DateTime.UtcNow.AddSeconds(60), cancellationToken: cancellationToken));
                if (report.Received.Online != online)
                {
                    changedAt = watch.Elapsed;
                }

                online = report.Received.Online;
                total = report.Received.Total;
            }
            catch (RpcException e)
            {
                return new Outcome(online, total, watch.Elapsed.TotalSeconds, false, $"{e.StatusCode}: {e.Status.Detail}");
            }

            if (online == expectedOnline || watch.Elapsed >= limit || (online > 0 && watch.Elapsed - changedAt >= Settled))
            {
                return new Outcome(online, total, watch.Elapsed.TotalSeconds, online == expectedOnline, null);
            }

            await Task.Delay(Pause, cancellationToken);
        }
    }
}
