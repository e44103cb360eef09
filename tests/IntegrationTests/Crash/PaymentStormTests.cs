using System.Collections.Concurrent;
using System.Diagnostics;
using DossierTracking.GrpcApi.V1;
using DossierTracking.IntegrationTests.Infrastructure;
using Grpc.Core;
using Xunit.Abstractions;

namespace DossierTracking.IntegrationTests.Crash;

/// <summary>
/// 10,000 payment reports (initiated, failed, succeeded, and every success twice), shuffled, sent to three silos on
/// PostgreSQL while one of them is killed with SIGKILL. Intermediaries resend until they get an answer. Afterwards
/// every dossier is paid by its one successful transaction, and no e-receipt number was issued twice.
/// DVC_STORM_DOSSIERS sets the number of dossiers (five reports each; default 2,000).
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PaymentStormTests(PostgresFixture postgres, ITestOutputHelper output)
{
    private static readonly int Dossiers = int.TryParse(Environment.GetEnvironmentVariable("DVC_STORM_DOSSIERS"), out var n) ? n : 2_000;
    private const long Fee = 150_000;
    private static readonly TimeSpan ResendLimit = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_storm_of_payment_reports_with_a_silo_killed_loses_no_payment_and_repeats_no_receipt_number()
    {
        await using var cluster = await ClusterCrashTests.StartClusterAsync(postgres, 3);
        var dossierClients = cluster.Select(s => s.Dossiers).ToList();
        var paymentClients = cluster.Select(s => new PaymentService.PaymentServiceClient(s.Invoker)).ToList();
        var down = new ConcurrentDictionary<int, bool>();
        int Live()
        {
            while (true)
            {
                var i = Random.Shared.Next(cluster.Count);
                if (!down.ContainsKey(i))
                {
                    return i;
                }
            }
        }

        // Dossiers waiting for payment, prepared before the storm.
        var codes = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(Enumerable.Range(0, Dossiers), new ParallelOptions { MaxDegreeOfParallelism = 12 }, async (i, _) =>
        {
            var api = dossierClients[i % cluster.Count];
            var code = (await api.SubmitDossierAsync(Requests.Submit($"storm-{i}"))).ReceiptCode;
            await api.AcceptDossierAsync(new AcceptDossierRequest { ReceiptCode = code, Actor = Requests.Desk() });
            await api.ForwardDossierAsync(new ForwardDossierRequest { ReceiptCode = code, Actor = Requests.Desk() });
            await api.RequestPaymentAsync(new RequestPaymentRequest { ReceiptCode = code, Actor = Requests.Officer(), Fees = { new FeeLine { Name = "Lệ phí", Amount = Fee } } });
            codes.Add(code);
        });

        var at = DateTimeOffset.UtcNow.AddMinutes(-5);
        var reports = codes.SelectMany(code => new[]
        {
            Report(code, "A", TransactionStatus.Initiated, at),
            Report(code, "A", TransactionStatus.Failed, at.AddSeconds(10)),
            Report(code, "B", TransactionStatus.Initiated, at.AddSeconds(20)),
            Report(code, "B", TransactionStatus.Succeeded, at.AddSeconds(30)),
            Report(code, "B", TransactionStatus.Succeeded, at.AddSeconds(30)),
        }).OrderBy(_ => Random.Shared.Next()).ToList();

        var acknowledgedReceipts = new ConcurrentBag<(string Code, EReceipt Receipt)>();
        var statuses = new ConcurrentDictionary<StatusCode, int>();
        var retries = 0;
        var sent = 0;
        var killAt = reports.Count / 3;
        var killed = new TaskCompletionSource();
        var storm = Parallel.ForEachAsync(reports, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (report, _) =>
        {
            if (Interlocked.Increment(ref sent) == killAt)
            {
                down[1] = true;
                await cluster[1].KillAsync();
                killed.SetResult();
            }

            // Resent until answered, for at most ResendLimit: the cluster needs seconds to declare the killed silo dead,
            // longer on a busy machine; only a report that never gets through fails the test.
            var firstSent = Stopwatch.StartNew();
            while (true)
            {
                try
                {
                    var reply = await paymentClients[Live()].ReportTransactionAsync(report, deadline: DateTime.UtcNow.AddSeconds(15));
                    statuses.AddOrUpdate(StatusCode.OK, 1, (_, c) => c + 1);
                    if (reply.PaymentRequest.Receipt is { } receipt)
                    {
                        acknowledgedReceipts.Add((report.PaymentRequestId, receipt));
                    }

                    return;
                }
                catch (RpcException e) when (firstSent.Elapsed < ResendLimit)
                {
                    statuses.AddOrUpdate(e.StatusCode, 1, (_, c) => c + 1);
                    Interlocked.Increment(ref retries);
                    await Task.Delay(250);
                }
            }
        });
        await storm;
        Assert.True(killed.Task.IsCompleted);

        // Every dossier is paid by its one successful transaction, with the receipt its success was acknowledged with.
        var stored = new Dictionary<string, EReceipt>();
        foreach (var code in codes)
        {
            var dossier = await dossierClients[Live()].GetDossierAsync(new GetDossierRequest { ReceiptCode = code });
            var request = Assert.Single(dossier.Payments);
            Assert.True(request.Status == PaymentStatus.Paid, $"{code}: payment {request.Status}");
            Assert.Equal(DossierState.InProcessing, dossier.State);
            Assert.Equal($"{code}-B", request.Receipt.TransactionId);
            stored[request.Id] = request.Receipt;
        }

        foreach (var (id, receipt) in acknowledgedReceipts)
        {
            Assert.Equal(stored[id], receipt);
        }

        var numbers = stored.Values.Select(r => (r.CollectingAgencyCode, r.Series, r.Number)).ToList();
        Assert.Equal(numbers.Count, numbers.Distinct().Count());
        output.WriteLine($"{reports.Count} reports, {retries} resends, statuses: {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key} {s.Value}"))}; " +
            $"receipts {numbers.Min(x => x.Number)}..{numbers.Max(x => x.Number)} for {numbers.Count} payments ({numbers.Max(x => x.Number) - numbers.Count} numbers skipped)");
        Assert.DoesNotContain(StatusCode.Internal, statuses.Keys);
        Assert.DoesNotContain(StatusCode.Unknown, statuses.Keys);
        Assert.DoesNotContain(StatusCode.InvalidArgument, statuses.Keys);
    }

    private static ReportTransactionRequest Report(string code, string attempt, TransactionStatus status, DateTimeOffset at) => new()
    {
        PaymentRequestId = code + "/1",
        TransactionId = $"{code}-{attempt}",
        Amount = Fee,
        Status = status,
        OccurredAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(at),
        Intermediary = "vnpay",
    };
}
