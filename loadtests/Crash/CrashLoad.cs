using System.Collections.Concurrent;
using DossierTracking.GrpcApi.V1;
using DossierTracking.LoadTests.Workload;
using Grpc.Core;

namespace DossierTracking.LoadTests.Crash;

/// <summary>
/// Background load for a crash round: each worker submits a dossier and accepts it, over and over, each call on a
/// randomly chosen silo of those still meant to be up, through channels that retry UNAVAILABLE, every change with its
/// own request_id. Remembers what was acknowledged and how every call ended (once per call, whatever its attempts).
/// </summary>
public sealed class CrashLoad
{
    /// <summary>Far beyond any call's duration: a call past it is a hang, and shows as DeadlineExceeded.</summary>
    private static readonly TimeSpan CallDeadline = TimeSpan.FromSeconds(30);

    private readonly IReadOnlyList<SiloNode> _silos;
    private readonly ConcurrentDictionary<int, bool> _down = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _workers = [];
    private readonly string _run;
    private long _sequence;

    public CrashLoad(IReadOnlyList<SiloNode> silos, int workers, string run)
    {
        _silos = silos;
        _run = run;
        for (var i = 0; i < workers; i++)
        {
            _workers.Add(Task.Run(WorkAsync));
        }
    }

    /// <summary>Receipt code → the highest version acknowledged for it.</summary>
    public ConcurrentDictionary<string, long> Acknowledged { get; } = new(StringComparer.Ordinal);

    /// <summary>How each call ended, by status name ("OK", "Unavailable", ...).</summary>
    public ConcurrentDictionary<string, long> Outcomes { get; } = new(StringComparer.Ordinal);

    public long Calls => Outcomes.Values.Sum();

    public long Failed => Outcomes.Where(o => o.Key != nameof(StatusCode.OK)).Sum(o => o.Value);

    /// <summary>Stops choosing a silo (it is about to be killed or stopped); calls already on their way go on.</summary>
    public void MarkDown(int silo) => _down[silo] = true;

    public SiloNode AnyLiveSilo()
    {
        while (true)
        {
            var silo = Random.Shared.Next(_silos.Count);
            if (!_down.ContainsKey(silo))
            {
                return _silos[silo];
            }
        }
    }

    /// <summary>Stops the workers and waits for their calls; calling it again changes nothing.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_workers);
    }

    private async Task WorkAsync()
    {
        var random = new Random();
        while (!_stop.IsCancellationRequested)
        {
            var n = Interlocked.Increment(ref _sequence);
            var request = NewSubmission(random, $"cb-{_run}-{n}");
            var submitted = await CallAsync(() => AnyLiveSilo().Dossiers.SubmitDossierAsync(request, deadline: DateTime.UtcNow + CallDeadline).ResponseAsync);
            if (submitted is null)
            {
                continue;
            }

            Acknowledged.AddOrUpdate(submitted.ReceiptCode, submitted.Version, (_, v) => Math.Max(v, submitted.Version));
            var accept = new AcceptDossierRequest
            {
                ReceiptCode = submitted.ReceiptCode,
                Actor = new Actor { Party = Party.DeskOfficer, PersonId = "crash-desk", AgencyCode = WorkloadModel.ProvinceServiceCentre },
                RequestId = $"cb-{_run}-{n}-accept",
            };
            var accepted = await CallAsync(() => AnyLiveSilo().Dossiers.AcceptDossierAsync(accept, deadline: DateTime.UtcNow + CallDeadline).ResponseAsync);
            if (accepted is not null)
            {
                Acknowledged.AddOrUpdate(accepted.ReceiptCode, accepted.Version, (_, v) => Math.Max(v, accepted.Version));
            }
        }
    }

    /// <summary>A citizen's online submission of a building permit amendment at the provincial service centre.</summary>
    public static SubmitDossierRequest NewSubmission(Random random, string requestId)
    {
        var female = random.Next(2) == 1;
        var planned = new PlannedDossier(
            Desk: 0,
            Procedure: 0,
            Female: female,
            Family: (byte)random.Next(VietnameseNames.Family.Length),
            Middle: (byte)random.Next(female ? VietnameseNames.FemaleMiddle.Length : VietnameseNames.MaleMiddle.Length),
            Given: (byte)random.Next(female ? VietnameseNames.FemaleGiven.Length : VietnameseNames.MaleGiven.Length),
            BirthYear: (short)random.Next(1950, 2005),
            IdSerial: random.Next(1_000_000),
            PhoneSuffix: random.Next(100_000_000));
        return WorkloadModel.ToRequest(planned, requestId, "1.003205", WorkloadModel.ProvinceServiceCentre);
    }

    private async Task<Dossier?> CallAsync(Func<Task<Dossier>> call)
    {
        try
        {
            var reply = await call();
            Outcomes.AddOrUpdate(nameof(StatusCode.OK), 1, (_, n) => n + 1);
            return reply;
        }
        catch (RpcException e)
        {
            Outcomes.AddOrUpdate(e.StatusCode.ToString(), 1, (_, n) => n + 1);
            return null;
        }
    }
}
