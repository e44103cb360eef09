using DossierTracking.Contracts.Dossiers;
using DossierTracking.Contracts.Import;
using DossierTracking.Domain.Dossiers;
using DossierTracking.Grains.Dossiers;
using DossierTracking.Grains.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Concurrency;
using Orleans.Storage;

namespace DossierTracking.Grains.Import;

/// <summary>
/// Imports a batch of one source's dossiers. First every line is checked by the domain (nothing is written for a
/// refused line, and in stop mode nothing after it). Then the receipt sequence of each desk and day in the batch is
/// raised past the highest imported number, durably, so that no code of the batch can be issued again. Then, for each
/// dossier, the row <c>imp/{source}/{source id}</c> is inserted holding its receipt code (the insert is the lock, as
/// for submissions: a line seen before finds its row and must name the same code and content), and the dossier grain
/// creates the dossier in one write. A run cut anywhere leaves whole dossiers only, and running it again finishes it.
/// </summary>
[StatelessWorker, Reentrant]
public sealed class DossierImportGrain(
    [FromKeyedServices(StorageNames.Dossiers)] IGrainStorage storage,
    DossierDecider decider,
    [FromKeyedServices(DomainClock.Key)] TimeProvider clock) : Grain, IDossierImportGrain
{
    /// <summary>Dossiers of a batch written at once: enough to keep the database busy, few enough not to drain its pool.</summary>
    private const int Parallelism = 64;

    public async Task<IReadOnlyList<ImportResult>> ImportBatchAsync(string source, IReadOnlyList<ImportedDossier> dossiers, bool stopAtFirstRefusal)
    {
        var now = clock.GetUtcNow();
        var results = new ImportResult?[dossiers.Count];
        var accepted = new List<int>(dossiers.Count);
        for (var i = 0; i < dossiers.Count; i++)
        {
            if (decider.Import(dossiers[i], source, now).Failure is { } failure)
            {
                results[i] = ImportResult.Refused(dossiers[i].Line, failure);
                if (stopAtFirstRefusal)
                {
                    Array.Resize(ref results, i + 1);
                    break;
                }

                continue;
            }

            accepted.Add(i);
        }

        await Task.WhenAll(accepted
            .Select(i => ReceiptCodeParts(dossiers[i].ReceiptCode))
            .GroupBy(p => GrainKeys.ReceiptSequence(p.Desk, p.Date), p => p.Sequence)
            .Select(g => GrainFactory.GetGrain<IReceiptSequenceGrain>(g.Key).ReserveThroughAsync(g.Max())));

        using var gate = new SemaphoreSlim(Parallelism);
        await Task.WhenAll(accepted.Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                results[i] = await ImportOne(source, dossiers[i]);
            }
            finally
            {
                gate.Release();
            }
        }));

        return results.Select(r => r!).ToList();
    }

    private async Task<ImportResult> ImportOne(string source, ImportedDossier dossier)
    {
        var row = new LazyState<SubmissionRecord>(storage, StorageNames.SubmissionState, SourceRowId(source, dossier.SourceId));
        row.Value.ReceiptCode = dossier.ReceiptCode;
        row.Value.Fingerprint = dossier.Fingerprint;
        try
        {
            await row.WriteAsync();
        }
        catch (InconsistentStateException)
        {
            row.Reset();
            await row.LoadAsync();
            if (row.Value.ReceiptCode is null)
            {
                throw;
            }
        }

        if (row.Value.ReceiptCode != dossier.ReceiptCode || row.Value.Fingerprint != dossier.Fingerprint)
        {
            return ImportResult.Refused(dossier.Line, Failures.Invalid("source_id", "CONFLICT",
                $"source_id {dossier.SourceId} was imported before as {row.Value.ReceiptCode} with other content; nothing was changed."));
        }

        return await GrainFactory.GetGrain<IDossierGrain>(dossier.ReceiptCode).ImportAsync(source, dossier);
    }

    private static (string Desk, DateOnly Date, long Sequence) ReceiptCodeParts(string code) =>
        ReceiptCode.TryParse(code, out var desk, out var date, out var sequence)
            ? (desk, date, sequence)
            : throw new InvalidOperationException("A checked import line carries an invalid receipt code.");

    /// <summary>The storage row of a source id (the grain type part is not part of the stored key).</summary>
    public static GrainId SourceRowId(string source, string sourceId) => GrainId.Create("import", GrainKeys.ImportedSource(source, sourceId));
}
