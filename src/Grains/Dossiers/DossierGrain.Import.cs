using DossierTracking.Contracts.Dossiers;
using DossierTracking.Contracts.Import;
using DossierTracking.Domain.Dossiers;
using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace DossierTracking.Grains.Dossiers;

/// <summary>The import of a dossier from another system's export, through the same commit as every change.</summary>
public sealed partial class DossierGrain
{
    public async Task<ImportResult> ImportAsync(string source, ImportedDossier dossier)
    {
        try
        {
            return await Import(source, dossier);
        }
        finally
        {
            // An imported dossier is seldom read: a run of hundreds of thousands must not keep them all in memory.
            DeactivateOnIdle();
        }
    }

    private async Task<ImportResult> Import(string source, ImportedDossier dossier)
    {
        if (_slot.IsKnown && _slot.Value.Dossier is { } existing)
        {
            return Repeat(existing, source, dossier);
        }

        var now = Now();
        var decision = decider.Import(dossier, source, now);
        if (decision.Failure is { } failure)
        {
            return ImportResult.Refused(dossier.Line, failure);
        }

        try
        {
            await Commit(decision.Next!);
        }
        catch (InconsistentStateException) when (!_slot.IsKnown)
        {
            // The code has a dossier already: this line's, imported before, or another's.
            _slot.Reset();
            await Load();
            return _slot.Value.Dossier is { } stored ? Repeat(stored, source, dossier) : throw new InvalidOperationException($"Dossier {ReceiptCode} neither inserted nor found.");
        }

        LogImported(ReceiptCode, source);
        return new ImportResult { Line = dossier.Line, Outcome = ImportOutcome.Imported };
    }

    private static ImportResult Repeat(DossierRecord existing, string source, ImportedDossier dossier) =>
        existing.RequestId == DossierDecider.ImportRequestId(source, dossier.SourceId) && existing.RequestFingerprint == dossier.Fingerprint
            ? new ImportResult { Line = dossier.Line, Outcome = ImportOutcome.AlreadyImported }
            : ImportResult.Refused(dossier.Line, Failures.Invalid("receipt_code", "CONFLICT",
                $"Receipt code {existing.ReceiptCode} belongs to another dossier{(existing.ImportedAt is null ? "" : " imported before")}; nothing was changed."));

    [LoggerMessage(Level = LogLevel.Debug, Message = "Dossier {ReceiptCode} imported from {Source}")]
    private partial void LogImported(string receiptCode, string source);
}
