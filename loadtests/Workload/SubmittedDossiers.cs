namespace DossierTracking.LoadTests.Workload;

/// <summary>
/// The dossiers the silo accepted in the submit phase, by submission index: receipt code and receiving desk
/// (null where the submission failed), and what later phases did with each, so that every dossier is accepted at
/// most once and the cold lookups avoid the ones the lifecycle just touched. Each index is written by one worker.
/// </summary>
public sealed class SubmittedDossiers
{
    private readonly string?[] codes;
    private readonly string?[] desks;
    private readonly bool[] accepted;
    private readonly bool[] inLifecycle;
    private int[]? present;

    public SubmittedDossiers(int capacity)
    {
        codes = new string?[capacity];
        desks = new string?[capacity];
        accepted = new bool[capacity];
        inLifecycle = new bool[capacity];
    }

    public int Capacity => codes.Length;

    /// <summary>Indices of the dossiers that exist, in submission order (built once, after the submit phase).</summary>
    public IReadOnlyList<int> Present => present ??= Enumerable.Range(0, codes.Length).Where(i => codes[i] is not null).ToArray();

    public string? FirstCode => Present.Count > 0 ? codes[Present[0]] : null;

    public void Record(long index, string receiptCode, string desk)
    {
        codes[index] = receiptCode;
        desks[index] = desk;
    }

    public string? CodeAt(long index) => codes[index];

    public string DeskAt(long index) => desks[index] ?? throw new InvalidOperationException($"Dossier {index} was not submitted.");

    public bool IsAccepted(int index) => accepted[index];

    public void MarkAccepted(long index) => accepted[index] = true;

    public bool IsInLifecycle(int index) => inLifecycle[index];

    public void MarkInLifecycle(int index) => inLifecycle[index] = true;
}
