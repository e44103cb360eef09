using System.Collections.Immutable;
using DossierTracking.Contracts.Agencies;
using DossierTracking.Domain.Agencies;
using DossierTracking.Domain.Dossiers;
using DossierTracking.Grains.Dossiers;
using DossierTracking.Grains.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DossierTracking.Grains.Agencies;

/// <summary>
/// The live state of one agency or desk: the index rows of every dossier it handles, received or holds now, applied
/// by version. It keeps nothing of its own in storage: on activation (and on <see cref="ResyncAsync"/>) it reads the
/// read model, which the change relays keep in step with the dossiers, so a restart or a lost batch cannot make its
/// figures drift. Figures are computed when asked, at that moment: a dossier passing its due date is overdue
/// without any call to it or timer per dossier. For the metrics it leaves its open and overdue counts in its silo's
/// <see cref="AgencyGauges"/> (one timer per agency, not per dossier).
/// </summary>
public sealed partial class AgencyGrain(
    IDossierIndex index,
    [FromKeyedServices(DomainClock.Key)] TimeProvider clock,
    AgencyGauges gauges,
    ILogger<AgencyGrain> logger) : Grain, IAgencyGrain
{
    private readonly Dictionary<string, DossierIndexRow> _rows = new(StringComparer.Ordinal);

    private string Code => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var loaded = await Load(cancellationToken);
        LogActivated(Code, loaded);
        if (gauges.Enabled)
        {
            PublishCounts();
            // The timer does not keep the grain active: an idle agency leaves memory as before, and its counts with it.
            this.RegisterGrainTimer(() =>
            {
                PublishCounts();
                return Task.CompletedTask;
            }, gauges.RefreshInterval, gauges.RefreshInterval);
        }
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        gauges.Withdraw(Code);
        return Task.CompletedTask;
    }

    public Task ApplyAsync(ImmutableArray<DossierIndexRow> rows)
    {
        foreach (var row in rows)
        {
            Merge(row);
        }

        return Task.CompletedTask;
    }

    public Task<AgencyFigures> GetFiguresAsync(DateTimeOffset? at = null)
    {
        var figures = AgencyFigureRules.Compute(Code, _rows.Values, at ?? clock.GetUtcNow());
        if (at is null)
        {
            // Counted anyway for the caller: the gauges take the fresher counts for free.
            gauges.Publish(Code, figures.OpenWithinDeadline + figures.OpenOverdue, figures.OpenOverdue);
        }

        return Task.FromResult(figures);
    }

    public Task<AgencyQueue> GetQueueAsync(int limit, string? assigneeId = null) =>
        Task.FromResult(AgencyFigureRules.QueueHead(Code, _rows.Values, limit, clock.GetUtcNow(), assigneeId));

    public async Task ResyncAsync()
    {
        var loaded = await Load(CancellationToken.None);
        LogResynced(Code, loaded);
    }

    private async Task<int> Load(CancellationToken cancellationToken)
    {
        var rows = await index.LoadAgencyAsync(Code, cancellationToken);
        foreach (var row in rows)
        {
            Merge(row);
        }

        return rows.Count;
    }

    private void PublishCounts()
    {
        var (open, overdue) = AgencyFigureRules.OpenAndOverdue(Code, _rows.Values, clock.GetUtcNow());
        gauges.Publish(Code, open, overdue);
    }

    /// <summary>Keeps the newer row, without the applicant's personal data or shipment (figures and queues do not need them).</summary>
    private void Merge(DossierIndexRow row)
    {
        if (!_rows.TryGetValue(row.ReceiptCode, out var known) || row.Version > known.Version)
        {
            _rows[row.ReceiptCode] = row.ForCounting();
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Agency {AgencyCode} activated with {Rows} dossiers from the read model")]
    private partial void LogActivated(string agencyCode, int rows);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Agency {AgencyCode} resynchronised: {Rows} dossiers read")]
    private partial void LogResynced(string agencyCode, int rows);
}
