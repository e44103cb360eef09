using DossierTracking.Contracts.ReferenceData;
using DossierTracking.Domain.Calendar;
using DossierTracking.Domain.Catalog;
using DossierTracking.Domain.ReferenceData;
using DossierTracking.Grains;
using DossierTracking.Silo.Configuration;
using DossierTracking.Silo.Storage;
using Microsoft.Extensions.Options;

namespace DossierTracking.Silo.ReferenceData;

/// <summary>
/// Loads the published reference data at start-up and follows it. Started after the migrations and before the
/// Orleans silo and the web server, so no dossier is decided, and no call served, with data other than the newest
/// published version. At first start each kind's table is empty: the shipped file is checked and written as version 1
/// (<see cref="ReferenceDataRules.SeedVersion"/>; several silos starting together write it once). A stored version
/// that fails its checks stops the start with a message naming it. Then every <see cref="ReferenceDataOptions.PollInterval"/>
/// the silo reads the newest version numbers and loads a newer one (published on another silo), and checks the
/// calendar's coverage (<see cref="CalendarCoverage"/>). A failed poll is logged and tried again at the next.
/// </summary>
public sealed partial class ReferenceDataLoader(
    ReferenceDataStore store,
    ReferenceDataInForce inForce,
    CalendarCoverage coverage,
    [FromKeyedServices(DomainClock.Key)] TimeProvider clock,
    IOptions<ReferenceDataOptions> options,
    ILogger<ReferenceDataLoader> logger) : BackgroundService
{
    private readonly HashSet<(ReferenceDataKind, long)> _refused = [];

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        var stored = await store.NewestVersionsAsync(cancellationToken);
        foreach (var kind in ReferenceDataKinds.All)
        {
            if (!stored.ContainsKey(kind))
            {
                await SeedAsync(kind, cancellationToken);
            }

            var newest = await store.ReadAsync(kind, null, cancellationToken)
                ?? throw new StorageStartupException($"The {ReferenceDataKinds.Name(kind)} reference data has no version in dvc_reference_data.");
            var result = inForce.Apply(newest);
            if (!result.IsValid)
            {
                throw new StorageStartupException(
                    $"The {ReferenceDataKinds.Name(kind)} reference data version {newest.Version.Version} (published by {newest.Version.PublishedBy}) " +
                    $"fails its checks: {string.Join("; ", result.Problems.Take(ReferenceDataRules.MaxProblemsShown))}. Publish a corrected version from a silo that accepts it, or restore the database.");
            }
        }

        coverage.Check();
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PollInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await PollAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogPollFailed(e);
            }

            coverage.Check();
        }
    }

    /// <summary>Loads each kind's newest version when it is newer than the one in force.</summary>
    public async Task PollAsync(CancellationToken cancellationToken)
    {
        foreach (var (kind, newest) in await store.NewestVersionsAsync(cancellationToken))
        {
            if (newest <= inForce.Version(kind) || _refused.Contains((kind, newest)))
            {
                continue;
            }

            if (await store.ReadAsync(kind, newest, cancellationToken) is not { } document)
            {
                continue;
            }

            var result = inForce.Apply(document);
            if (!result.IsValid)
            {
                // Published by a silo whose checks differ from this one's (another build): keep the version in force.
                _refused.Add((kind, newest));
                LogRefused(ReferenceDataKinds.Name(kind), newest, inForce.Version(kind), string.Join("; ", result.Problems.Take(ReferenceDataRules.MaxProblemsShown)));
            }
        }
    }

    private async Task SeedAsync(ReferenceDataKind kind, CancellationToken cancellationToken)
    {
        var content = kind == ReferenceDataKind.Catalog ? CatalogFile.EmbeddedText() : HolidayCalendarData.EmbeddedText();
        var result = ReferenceDataRules.Check(kind, content);
        if (!result.IsValid)
        {
            throw new StorageStartupException($"The shipped {ReferenceDataKinds.Name(kind)} file fails its checks: {string.Join("; ", result.Problems.Take(ReferenceDataRules.MaxProblemsShown))}.");
        }

        var seed = new ReferenceDataVersion(kind, ReferenceDataRules.SeedVersion, clock.GetUtcNow(), ReferenceDataRules.SeedPublisher, ReferenceDataRules.Sha256(content));
        if (await store.TryInsertAsync(seed, content, cancellationToken))
        {
            LogSeeded(ReferenceDataKinds.Name(kind), result.Summary);
        }
    }

    [LoggerMessage(EventId = 9603, Level = LogLevel.Information, Message = "Reference data {Kind}: the shipped file was written as version 1 ({Summary})")]
    private partial void LogSeeded(string kind, string summary);

    [LoggerMessage(EventId = 9604, Level = LogLevel.Warning, Message = "Reading the newest reference data failed; the versions in force stay, and the next poll tries again")]
    private partial void LogPollFailed(Exception exception);

    [LoggerMessage(EventId = 9605, Level = LogLevel.Error,
        Message = "Reference data {Kind} version {Version} fails this silo's checks and is not put in force (version {InForce} stays): {Problems}")]
    private partial void LogRefused(string kind, long version, long inForce, string problems);
}
