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
/// that fails its checks stops the start with a message naming it. The calendar is national; each served province has
/// its own catalogue, whose first version comes from the file configured for it (<see cref="ProvinceOptions.CatalogFiles"/>). Then every <see cref="ReferenceDataOptions.PollInterval"/>
/// the silo reads the newest version numbers and loads a newer one (published on another silo), and checks the
/// calendar's coverage (<see cref="CalendarCoverage"/>). A failed poll is logged and tried again at the next.
/// </summary>
public sealed partial class ReferenceDataLoader(
    ReferenceDataStore store,
    ReferenceDataInForce inForce,
    CalendarCoverage coverage,
    [FromKeyedServices(DomainClock.Key)] TimeProvider clock,
    IOptions<ReferenceDataOptions> options,
    IOptions<ProvinceOptions> provinces,
    ILogger<ReferenceDataLoader> logger) : BackgroundService
{
    private readonly HashSet<(ReferenceDataKind, string, long)> _refused = [];

    /// <summary>What this silo follows: the national calendar, and the catalogue of each province it serves.</summary>
    private IEnumerable<(ReferenceDataKind Kind, string Province)> Followed =>
        [(ReferenceDataKind.Calendar, ""), .. inForce.Provinces.Select(p => (ReferenceDataKind.Catalog, p))];

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        var stored = await store.NewestVersionsAsync(cancellationToken);
        foreach (var (kind, province) in Followed)
        {
            if (!stored.ContainsKey((kind, province)))
            {
                await SeedAsync(kind, province, cancellationToken);
            }

            var name = Name(kind, province);
            var newest = await store.ReadAsync(kind, province, null, cancellationToken)
                ?? throw new StorageStartupException($"The {name} reference data has no version in dvc_reference_data.");
            var result = inForce.Apply(newest);
            if (!result.IsValid)
            {
                throw new StorageStartupException(
                    $"The {name} reference data version {newest.Version.Version} (published by {newest.Version.PublishedBy}) " +
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

    /// <summary>Loads the newest version of what this silo follows when it is newer than the one in force.</summary>
    public async Task PollAsync(CancellationToken cancellationToken)
    {
        var followed = Followed.ToHashSet();
        foreach (var ((kind, province), newest) in await store.NewestVersionsAsync(cancellationToken))
        {
            if (!followed.Contains((kind, province)) || newest <= inForce.Version(kind, province) || _refused.Contains((kind, province, newest)))
            {
                continue;
            }

            if (await store.ReadAsync(kind, province, newest, cancellationToken) is not { } document)
            {
                continue;
            }

            var result = inForce.Apply(document);
            if (!result.IsValid)
            {
                // Published by a silo whose checks differ from this one's (another build): keep the version in force.
                _refused.Add((kind, province, newest));
                LogRefused(Name(kind, province), newest, inForce.Version(kind, province), string.Join("; ", result.Problems.Take(ReferenceDataRules.MaxProblemsShown)));
            }
        }
    }

    /// <summary>How logs and messages name a kind: <c>calendar</c>, or <c>catalog H49</c>.</summary>
    public static string Name(ReferenceDataKind kind, string province) =>
        province.Length > 0 ? $"{ReferenceDataKinds.Name(kind)} {province}" : ReferenceDataKinds.Name(kind);

    /// <summary>
    /// Version 1 of what has none: the shipped calendar; a province's catalogue from its configured file, or the shipped
    /// catalogue for the shipped catalogue's province.
    /// </summary>
    private async Task SeedAsync(ReferenceDataKind kind, string province, CancellationToken cancellationToken)
    {
        var name = Name(kind, province);
        var content = kind == ReferenceDataKind.Calendar ? HolidayCalendarData.EmbeddedText()
            : provinces.Value.CatalogFiles.TryGetValue(province, out var path) ? await ReadFirstFileAsync(province, path, cancellationToken)
            : ReferenceDataRules.Check(kind, CatalogFile.EmbeddedText()).Catalog?.Province == province ? CatalogFile.EmbeddedText()
            : throw new StorageStartupException(
                $"Province {province} is served (Provinces:Served) but has no catalogue: give its first one as Provinces:CatalogFiles:{province}.");
        var result = ReferenceDataRules.Check(kind, content, province);
        if (!result.IsValid)
        {
            throw new StorageStartupException($"The first {name} file fails its checks: {string.Join("; ", result.Problems.Take(ReferenceDataRules.MaxProblemsShown))}.");
        }

        var seed = new ReferenceDataVersion(kind, ReferenceDataRules.SeedVersion, clock.GetUtcNow(), ReferenceDataRules.SeedPublisher, ReferenceDataRules.Sha256(content))
        {
            Province = province,
        };
        if (await store.TryInsertAsync(seed, content, cancellationToken))
        {
            LogSeeded(name, result.Summary);
        }
    }

    private static async Task<string> ReadFirstFileAsync(string province, string path, CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllTextAsync(path, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StorageStartupException(
                $"Province {province} has no catalogue yet, and its first file (Provinces:CatalogFiles:{province} = '{path}') cannot be read: {e.Message}", e);
        }
    }

    [LoggerMessage(EventId = 9603, Level = LogLevel.Information, Message = "Reference data {Kind}: its first file (shipped, or Provinces:CatalogFiles) was written as version 1 ({Summary})")]
    private partial void LogSeeded(string kind, string summary);

    [LoggerMessage(EventId = 9604, Level = LogLevel.Warning, Message = "Reading the newest reference data failed; the versions in force stay, and the next poll tries again")]
    private partial void LogPollFailed(Exception exception);

    [LoggerMessage(EventId = 9605, Level = LogLevel.Error,
        Message = "Reference data {Kind} version {Version} fails this silo's checks and is not put in force (version {InForce} stays): {Problems}")]
    private partial void LogRefused(string kind, long version, long inForce, string problems);
}
