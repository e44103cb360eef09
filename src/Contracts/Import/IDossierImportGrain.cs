namespace DossierTracking.Contracts.Import;

/// <summary>
/// Imports a batch of dossiers of one source system (a stateless worker on the silo that took the call). Every line
/// is checked before anything is written; the receipt sequences of the batch's desks and days are raised past its
/// codes; then each dossier is written whole, once per source id.
/// </summary>
[Alias("dvc.IDossierImportGrain")]
public interface IDossierImportGrain : IGrainWithIntegerKey
{
    /// <param name="stopAtFirstRefusal">Write only the lines before the first one refused by the checks.</param>
    /// <returns>One result per dossier, in the batch's order (for a stopped batch, the lines up to the refused one).</returns>
    [Alias("ImportBatch")] Task<IReadOnlyList<ImportResult>> ImportBatchAsync(string source, IReadOnlyList<ImportedDossier> dossiers, bool stopAtFirstRefusal);
}
