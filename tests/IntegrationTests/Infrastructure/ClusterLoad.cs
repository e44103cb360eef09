using System.Collections.Concurrent;
using DossierTracking.GrpcApi.V1;
using Grpc.Core;

namespace DossierTracking.IntegrationTests.Infrastructure;

/// <summary>
/// Background load for crash tests: workers submit dossiers and accept them, each call on a randomly chosen silo
/// of those still meant to be up, and remember exactly what was acknowledged and which statuses came back.
/// </summary>
public sealed class ClusterLoad
{
    private readonly IReadOnlyList<DossierService.DossierServiceClient> _silos;
    private readonly ConcurrentDictionary<int, bool> _down = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _workers = [];
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];
    private int _sequence;

    /// <summary>Far beyond any call's duration, even on a busy machine: a call past it is a hang, and shows as DeadlineExceeded.</summary>
    private static readonly TimeSpan CallDeadline = TimeSpan.FromSeconds(30);

    public ClusterLoad(IReadOnlyList<DossierService.DossierServiceClient> silos, int workers)
    {
        _silos = silos;
        for (var i = 0; i < workers; i++)
        {
            _workers.Add(Task.Run(WorkAsync));
        }
    }

    /// <summary>Receipt code → the highest version acknowledged for it.</summary>
    public ConcurrentDictionary<string, long> Acknowledged { get; } = new();

    /// <summary>Request id → receipt code, for acknowledged submissions.</summary>
    public ConcurrentDictionary<string, string> Submissions { get; } = new();

    /// <summary>Submissions that got no answer (their request ids), to retry later.</summary>
    public ConcurrentBag<SubmitDossierRequest> Unanswered { get; } = [];

    public ConcurrentDictionary<StatusCode, int> Statuses { get; } = new();

    /// <summary>Stops sending calls to a silo (it is being killed or stopped); calls already sent go on.</summary>
    public void MarkDown(int silo) => _down[silo] = true;

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_workers);
    }

    public DossierService.DossierServiceClient AnyLiveSilo() => _silos[PickSilo()];

    private int PickSilo()
    {
        while (true)
        {
            var silo = Random.Shared.Next(_silos.Count);
            if (!_down.ContainsKey(silo))
            {
                return silo;
            }
        }
    }

    private async Task WorkAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var request = Requests.Submit($"crash-{_run}-{Interlocked.Increment(ref _sequence)}");
            var submitted = await CallAsync(() => AnyLiveSilo().SubmitDossierAsync(request, deadline: DateTime.UtcNow + CallDeadline).ResponseAsync);
            if (submitted is null)
            {
                Unanswered.Add(request);
                continue;
            }

            Submissions[request.RequestId] = submitted.ReceiptCode;
            Acknowledged.AddOrUpdate(submitted.ReceiptCode, submitted.Version, (_, v) => Math.Max(v, submitted.Version));
            var accepted = await CallAsync(() => AnyLiveSilo().AcceptDossierAsync(
                new AcceptDossierRequest { ReceiptCode = submitted.ReceiptCode, Actor = Requests.Desk() },
                deadline: DateTime.UtcNow + CallDeadline).ResponseAsync);
            if (accepted is not null)
            {
                Acknowledged.AddOrUpdate(accepted.ReceiptCode, accepted.Version, (_, v) => Math.Max(v, accepted.Version));
            }
        }
    }

    private async Task<Dossier?> CallAsync(Func<Task<Dossier>> call)
    {
        try
        {
            var reply = await call();
            Statuses.AddOrUpdate(StatusCode.OK, 1, (_, n) => n + 1);
            return reply;
        }
        catch (RpcException e)
        {
            Statuses.AddOrUpdate(e.StatusCode, 1, (_, n) => n + 1);
            return null;
        }
    }
}
