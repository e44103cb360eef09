namespace DossierTracking.Contracts.Dossiers;

/// <summary>
/// The receipt-number sequence of one receiving desk on one day (key: <c>seq/{deskCode}/{yyMMdd}</c>).
/// Reserves numbers in durable blocks and hands them out from memory: no database round trip per number,
/// never the same number twice; numbers of a block lost in a crash are skipped (gaps are allowed).
/// </summary>
[Alias("dvc.IReceiptSequenceGrain")]
public interface IReceiptSequenceGrain : IGrainWithStringKey
{
    [Alias("Next")] Task<long> NextAsync();

    /// <summary>Makes sure numbers up to <paramref name="number"/> are never handed out (imported codes keep theirs); durable on return.</summary>
    [Alias("ReserveThrough")] Task ReserveThroughAsync(long number);
}
