using System.Collections.Concurrent;

namespace DossierTracking.LoadTests.Clients;

/// <summary>
/// How many attempts the channels' retry policy sent again, by gRPC method. The retries happen inside one call, so
/// the workers still count that call once, with one latency from its start to its last attempt's answer; this tally
/// is where the extra attempts show. Shared by every channel of a run.
/// </summary>
public sealed class RetryTally
{
    private readonly ConcurrentDictionary<string, long> byMethod = new(StringComparer.Ordinal);

    public long Total => byMethod.Values.Sum();

    /// <summary>Retried attempts by method name (the part after the service), in name order.</summary>
    public IReadOnlyDictionary<string, long> ByMethod => new SortedDictionary<string, long>(byMethod, StringComparer.Ordinal);

    public void Add(string method) => byMethod.AddOrUpdate(method, 1, (_, n) => n + 1);

    /// <summary>"none", or "12 (SubmitDossier 9, GetDossier 3)".</summary>
    public string Describe() =>
        Total == 0 ? "none" : $"{Total:N0} ({string.Join(", ", ByMethod.Select(m => $"{m.Key} {m.Value:N0}"))})";
}
