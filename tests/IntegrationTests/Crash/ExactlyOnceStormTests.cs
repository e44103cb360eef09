using System.Collections.Concurrent;
using DossierTracking.GrpcApi.V1;
using DossierTracking.IntegrationTests.Infrastructure;
using Google.Protobuf;
using Grpc.Core;
using Xunit.Abstractions;
using static DossierTracking.IntegrationTests.Infrastructure.Requests;

namespace DossierTracking.IntegrationTests.Crash;

/// <summary>
/// 10,000 changes of every kind (steps, apologies, transfers, fee requests, payment reports, results, hand-overs to the
/// post, postal events) sent to three silos on PostgreSQL with their keys, each resent after any error and, at random,
/// resent after success too, while one silo is killed with SIGKILL. Afterwards every dossier holds every change
/// exactly once, and every payment issued one e-receipt whose number no other payment has.
/// DVC_STORM_DOSSIERS sets the number of dossiers (25 changes each; default 400).
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ExactlyOnceStormTests(PostgresFixture postgres, ITestOutputHelper output)
{
    private static readonly int Dossiers = int.TryParse(Environment.GetEnvironmentVariable("DVC_STORM_DOSSIERS"), out var n) ? n : 400;
    private const int ChangesPerDossier = 25;
    private const int Steps = 13;

    [Fact]
    public async Task Changes_resent_through_a_silo_crash_are_each_applied_exactly_once()
    {
        await using var cluster = await ClusterCrashTests.StartClusterAsync(postgres, 3);
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

        var codes = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(Enumerable.Range(0, Dossiers), new ParallelOptions { MaxDegreeOfParallelism = 12 }, async (i, _) =>
        {
            var api = cluster[i % cluster.Count].Dossiers;
            var request = Agencies.AgencyTestSupport.Counter();
            request.RequestId = $"exactly-once-{i}";
            request.DeliveryMethod = ReturnMethod.Post;
            request.DeliveryAddress = "Số 9 phố Bến Đoan, TP Hạ Long";
            var code = (await api.ReceiveDossierAsync(request)).ReceiptCode;
            await api.ForwardDossierAsync(new ForwardDossierRequest { ReceiptCode = code, Actor = Desk(), RequestId = "forward" });
            codes.Add(code);
        });

        var statuses = new ConcurrentDictionary<StatusCode, int>();
        // Each refusal that is not a transient answer, with its request and detail, to say which change it was.
        var refusals = new ConcurrentQueue<string>();
        var (sent, resent, duplicates) = (0, 0, 0);
        var killAt = Dossiers * ChangesPerDossier / 3;
        var killed = new TaskCompletionSource();

        // Sends one change until it is answered; then, one time in ten, sends it once more.
        async Task Send(Func<CallInvoker, IMessage, Task> call, IMessage request)
        {
            if (Interlocked.Increment(ref sent) == killAt)
            {
                down[1] = true;
                await cluster[1].KillAsync();
                killed.SetResult();
            }

            await UntilAnswered(call, request);
            if (Random.Shared.Next(10) == 0)
            {
                Interlocked.Increment(ref duplicates);
                await UntilAnswered(call, request);
            }
        }

        async Task UntilAnswered(Func<CallInvoker, IMessage, Task> call, IMessage request)
        {
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    await call(cluster[Live()].Invoker, request);
                    statuses.AddOrUpdate(StatusCode.OK, 1, (_, c) => c + 1);
                    return;
                }
                catch (RpcException e) when (attempt < 60)
                {
                    statuses.AddOrUpdate(e.StatusCode, 1, (_, c) => c + 1);
                    if (e.StatusCode is not (StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.Cancelled or StatusCode.Aborted))
                    {
                        refusals.Enqueue($"{request.Descriptor.Name} {request} (attempt {attempt}): {e.StatusCode} {e.Status.Detail}");
                    }

                    Interlocked.Increment(ref resent);
                    await Task.Delay(250);
                }
            }
        }

        var deadline = () => DateTime.UtcNow.AddSeconds(15);
        var dossiers = (CallInvoker c) => new DossierService.DossierServiceClient(c);
        var start = DateTimeOffset.UtcNow.AddMinutes(-5);
        await Parallel.ForEachAsync(codes, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (code, _) =>
        {
            Task Change<T>(Func<DossierService.DossierServiceClient, T, AsyncUnaryCall<Dossier>> call, T request) where T : IMessage =>
                Send((invoker, r) => call(dossiers(invoker), (T)r).ResponseAsync, request);

            for (var s = 0; s < Steps; s++)
            {
                await Change((c, r) => c.RecordStepAsync(r, deadline: deadline()), new RecordStepRequest { ReceiptCode = code, Actor = Officer(), Step = $"Bước {s}", RequestId = $"step-{s}" });
                if (s == 4)
                {
                    await Change((c, r) => c.IssueApologyAsync(r, deadline: deadline()), new IssueApologyRequest
                    {
                        ReceiptCode = code, Actor = Officer(), PromisedAt = At(DateTimeOffset.UtcNow.AddDays(120)), Reason = "Chờ ý kiến", RequestId = "apology",
                    });
                    await Change((c, r) => c.TransferDossierAsync(r, deadline: deadline()),
                        new TransferDossierRequest { ReceiptCode = code, Actor = Officer(), CoordinatingAgencyCode = EnvironmentDept, RequestId = "transfer" });
                    await Change((c, r) => c.ReturnFromTransferAsync(r, deadline: deadline()),
                        new ReturnFromTransferRequest { ReceiptCode = code, Actor = Officer(EnvironmentDept), RequestId = "return" });
                }
            }

            await Change((c, r) => c.RequestPaymentAsync(r, deadline: deadline()), new RequestPaymentRequest
            {
                ReceiptCode = code, Actor = Officer(), Fees = { new FeeLine { Name = "Lệ phí", Amount = 150_000 } }, RequestId = "fees",
            });
            var payment = (CallInvoker c) => new PaymentService.PaymentServiceClient(c);
            var reports = new[]
            {
                ($"{code}-A", TransactionStatus.Initiated, 10), ($"{code}-A", TransactionStatus.Failed, 20),
                ($"{code}-B", TransactionStatus.Initiated, 30), ($"{code}-B", TransactionStatus.Succeeded, 40),
            };
            foreach (var (transaction, status, seconds) in reports)
            {
                await Send((invoker, r) => payment(invoker).ReportTransactionAsync((ReportTransactionRequest)r, deadline: deadline()).ResponseAsync, new ReportTransactionRequest
                {
                    PaymentRequestId = code + "/1", TransactionId = transaction, Amount = 150_000, Status = status, OccurredAt = At(start.AddSeconds(seconds)),
                });
            }

            await Change((c, r) => c.RecordResultAsync(r, deadline: deadline()),
                new RecordResultRequest { ReceiptCode = code, Actor = Officer(), Result = ResultKind.Approved, DocumentRef = "GPXD", RequestId = "result" });
            await Change((c, r) => c.HandToPostAsync(r, deadline: deadline()), new HandToPostRequest { ReceiptCode = code, Actor = Desk(), RequestId = "post" });
            var post = (CallInvoker c) => new PostalService.PostalServiceClient(c);
            foreach (var (eventId, status, seconds) in new[] { ("P1", ShipmentStatus.Accepted, 50), ("P2", ShipmentStatus.Delivered, 60) })
            {
                await Send((invoker, r) => post(invoker).ReportDeliveryEventAsync((ReportDeliveryEventRequest)r, deadline: deadline()).ResponseAsync, new ReportDeliveryEventRequest
                {
                    TrackingNumber = code + "-P1", EventId = $"{code}-{eventId}", Status = status, OccurredAt = At(start.AddSeconds(seconds)),
                });
            }
        });
        Assert.True(killed.Task.IsCompleted);

        // Every change once: the history of each dossier is exactly its script, whatever was resent.
        var receipts = new List<(string Agency, string Series, long Number)>();
        foreach (var code in codes)
        {
            var dossier = await cluster[Live()].Dossiers.GetDossierAsync(new GetDossierRequest { ReceiptCode = code });
            var actions = dossier.History.GroupBy(h => h.Action).ToDictionary(g => g.Key, g => g.Count());
            var expected = new Dictionary<DossierAction, int>
            {
                [DossierAction.Receive] = 1, [DossierAction.Forward] = 1, [DossierAction.RecordStep] = Steps, [DossierAction.IssueApology] = 1,
                [DossierAction.Transfer] = 1, [DossierAction.ReturnFromTransfer] = 1, [DossierAction.RequestPayment] = 1,
                [DossierAction.PaymentReported] = 3, [DossierAction.ConfirmPayment] = 1, [DossierAction.RecordResult] = 1,
                [DossierAction.HandToPost] = 1, [DossierAction.PostalEvent] = 1, [DossierAction.ReturnResult] = 1,
            };
            Assert.True(expected.OrderBy(e => e.Key).SequenceEqual(actions.OrderBy(a => a.Key)),
                $"{code}: {string.Join(", ", actions.OrderBy(a => a.Key).Select(a => $"{a.Key} {a.Value}"))}");
            Assert.Equal(DossierState.ResultReturned, dossier.State);
            var paid = Assert.Single(dossier.Payments);
            Assert.Equal((PaymentStatus.Paid, $"{code}-B"), (paid.Status, paid.Receipt.TransactionId));
            receipts.Add((paid.Receipt.CollectingAgencyCode, paid.Receipt.Series, paid.Receipt.Number));
        }

        Assert.Equal(receipts.Count, receipts.Distinct().Count());
        output.WriteLine($"{codes.Count} dossiers, {sent} changes sent ({resent} resent after an error, {duplicates} resent after success); " +
            $"statuses: {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key} {s.Value}"))}");
        foreach (var refusal in refusals)
        {
            output.WriteLine(refusal);
        }

        Assert.Equal(Dossiers * ChangesPerDossier, sent);
        // Transient answers only, each retried with the same key: never a refusal of the request itself.
        Assert.Empty(statuses.Keys.Except([StatusCode.OK, StatusCode.Unavailable, StatusCode.DeadlineExceeded, StatusCode.Cancelled, StatusCode.Aborted]));
    }
}
