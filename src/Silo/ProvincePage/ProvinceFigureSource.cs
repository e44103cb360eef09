using DossierTracking.Contracts.Agencies;
using DossierTracking.Contracts.Catalog;
using DossierTracking.Domain.Agencies;
using DossierTracking.Silo.Configuration;
using Microsoft.Extensions.Options;

namespace DossierTracking.Silo.ProvincePage;

/// <summary>
/// Gathers the province page's figures: every agency's <see cref="IAgencyGrain.GetFiguresAsync"/>, the very call behind
/// the gRPC GetAgencyFigures, so the page and the API agree by construction; the province as their sum
/// (<see cref="ProvinceTotals"/>); and this silo's lags. The agencies answer from memory (an agency grain reads the
/// database only when it activates), and a snapshot is reused for <see cref="ProvincePageOptions.RefreshInterval"/>:
/// however many browsers poll, a silo asks the agencies at most once per interval, and concurrent requests share one
/// gathering. Nothing here is on the path of a submission, lookup or change.
/// </summary>
public sealed partial class ProvinceFigureSource(
    IGrainFactory grains,
    IProvinces provinces,
    PipelineLags lags,
    IOptions<ProvincePageOptions> options,
    TimeProvider clock,
    ILogger<ProvinceFigureSource> logger)
{
    private readonly Lock _lock = new();
    private readonly TimeSpan _interval = options.Value.RefreshInterval;
    private Task<ProvinceSnapshot>? _current;
    private long _startedAt;
    private long _gathered;

    /// <summary>How many times the agencies were asked since start (tests check that a burst of requests asks once).</summary>
    public long Gathered => Interlocked.Read(ref _gathered);

    /// <summary>The latest snapshot, or a new one once it is older than the interval. A failed gathering is not kept.</summary>
    public Task<ProvinceSnapshot> GetAsync()
    {
        lock (_lock)
        {
            if (_current is { } current && (!current.IsCompleted || (current.IsCompletedSuccessfully && clock.GetElapsedTime(_startedAt) < _interval)))
            {
                return current;
            }

            _startedAt = clock.GetTimestamp();
            _current = GatherAsync();
            return _current;
        }
    }

    private async Task<ProvinceSnapshot> GatherAsync()
    {
        // Off the caller's lock: the gathering runs on its own.
        await Task.Yield();
        Interlocked.Increment(ref _gathered);
        var agencies = provinces.AllAgencies.ToList();
        AgencyFigures[] figures;
        try
        {
            figures = await Task.WhenAll(agencies.Select(a => grains.GetGrain<IAgencyGrain>(a.Code).GetFiguresAsync()));
        }
        catch (Exception e)
        {
            LogGatheringFailed(e);
            throw;
        }

        var tiles = new List<AgencyTile>(agencies.Count);
        var headlines = new List<(AgencyInfo, HeadlineFigures)>(agencies.Count);
        for (var i = 0; i < agencies.Count; i++)
        {
            var headline = HeadlineFigures.From(figures[i]);
            tiles.Add(new AgencyTile(agencies[i].Code, agencies[i].Name, agencies[i].Level, headline));
            headlines.Add((agencies[i], headline));
        }

        return new ProvinceSnapshot
        {
            EvaluatedAt = figures.Length == 0 ? clock.GetUtcNow() : figures.Min(f => f.EvaluatedAt),
            RefreshSeconds = _interval.TotalSeconds,
            Province = ProvinceTotals.Sum(headlines),
            Provinces = headlines.GroupBy(h => ProvinceCodes.Of(h.Item1.Code), StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => ProvinceTotals.Sum(g), StringComparer.Ordinal),
            Agencies = tiles,
            RelayLagSeconds = lags.RelaySeconds,
            ChangeFeedLagSeconds = lags.ChangeFeedSeconds,
        };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The province page could not gather the agencies' figures; the next request tries again")]
    private partial void LogGatheringFailed(Exception exception);
}
