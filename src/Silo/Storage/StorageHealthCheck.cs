using System.Diagnostics;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DossierTracking.Silo.Storage;

/// <summary>
/// Healthy when the database answers within two seconds and holds every migration this silo knows. Reveals nothing
/// else. Probes must not cost a database round trip each (a load balancer, an orchestrator and a monitor may all
/// probe every silo, and a burst of probes must not eat the pool): one query at a time, and its result reused for
/// <see cref="ReuseFor"/> after it came back. One instance per host (a singleton), shared by every probe.
/// </summary>
public sealed class StorageHealthCheck(StorageConnections connections) : IHealthCheck
{
    /// <summary>How long a result is reused after the query that gave it finished.</summary>
    public static readonly TimeSpan ReuseFor = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    private readonly string _latestMigration = SchemaMigrator.Embedded(connections.Backend)[^1].Version;
    private readonly Lock _lock = new();
    private Task<HealthCheckResult>? _current;
    private long _finishedAt;
    private long _queries;

    /// <summary>How many times the database was actually asked (each time one connection taken from the pool).</summary>
    public long DatabaseQueries => Interlocked.Read(ref _queries);

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        Task<HealthCheckResult> result;
        lock (_lock)
        {
            if (_current is null || (_current.IsCompleted && Stopwatch.GetElapsedTime(Volatile.Read(ref _finishedAt)) >= ReuseFor))
            {
                // Off the lock: opening an embedded SQLite file completes synchronously.
                _current = Task.Run(QueryAsync);
            }

            result = _current;
        }

        // A probe that gives up does not cancel the query others wait for.
        return result.WaitAsync(cancellationToken);
    }

    private async Task<HealthCheckResult> QueryAsync()
    {
        Interlocked.Increment(ref _queries);
        try
        {
            using var timeout = new CancellationTokenSource(Timeout);
            await using var connection = await connections.OpenAsync(timeout.Token);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT max(version) FROM dvc_schema_migrations";
            var applied = await command.ExecuteScalarAsync(timeout.Token) as string;
            return applied is not null && string.CompareOrdinal(applied, _latestMigration) >= 0
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("schema not up to date");
        }
        catch (Exception)
        {
            return HealthCheckResult.Unhealthy("storage unreachable");
        }
        finally
        {
            Volatile.Write(ref _finishedAt, Stopwatch.GetTimestamp());
        }
    }
}
