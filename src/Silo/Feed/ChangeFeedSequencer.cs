using DossierTracking.Silo.Configuration;
using Microsoft.Extensions.Options;
using Npgsql;

namespace DossierTracking.Silo.Feed;

/// <summary>
/// PostgreSQL only: gives captured changes their feed positions, in commit order. The capture trigger appends each
/// committed dossier write to dvc_change_pending; a move takes the pending rows its snapshot can see (up to a batch),
/// deletes them and appends them to dvc_change_feed at max(position) + 1, 2, ... (above the retention horizon even when the
/// feed is empty) in pending-id order, in one statement,
/// and commits. Moves are serial across the cluster: each runs in a transaction that first takes a transaction-scoped
/// advisory lock with pg_try_advisory_xact_lock, and skips its turn when another silo holds it. So every silo runs
/// this loop; when a silo dies mid-move its transaction rolls back with its connection and the next move, on any
/// silo, takes the same rows. Readers see only dvc_change_feed, which therefore grows by whole batches, each
/// committed after the one before: a position once visible is final and no lower one appears later. Each move reports
/// how long its oldest change waited for its position (<see cref="ChangeFeedMetrics"/>).
/// </summary>
public sealed partial class ChangeFeedSequencer(NpgsqlDataSource dataSource, IOptions<ChangeFeedOptions> options, ILogger<ChangeFeedSequencer> logger,
    ChangeFeedMetrics? metrics = null)
    : BackgroundService
{
    /// <summary>An arbitrary constant naming the mover's advisory lock (the schema migrator uses another).</summary>
    public const long AdvisoryLockKey = 0x0D055_FEED;

    /// <summary>The move; it answers how many changes it moved and how long the oldest of them waited (seconds, NULL for none).</summary>
    private const string MoveSql = """
        WITH moved AS (
            DELETE FROM dvc_change_pending
             WHERE id IN (SELECT id FROM dvc_change_pending ORDER BY id LIMIT @batch)
            RETURNING id, receipt_code, version, committed_at
        ), placed AS (
            INSERT INTO dvc_change_feed (position, receipt_code, version, committed_at)
            SELECT GREATEST((SELECT COALESCE(max(position), 0) FROM dvc_change_feed), (SELECT removed_through FROM dvc_feed_horizon WHERE id = 1)) + row_number() OVER (ORDER BY id), receipt_code, version, committed_at
            FROM moved
            RETURNING committed_at
        )
        SELECT count(*)::int, EXTRACT(EPOCH FROM clock_timestamp() - min(committed_at))::float8 FROM placed
        """;

    /// <summary>
    /// One move. Returns the number of changes moved, or null when another mover held the lock. The lock and the move
    /// are separate statements: under READ COMMITTED the move's snapshot is taken after the lock is held, so it sees
    /// the previous move's commit (and its max position).
    /// </summary>
    public async Task<int?> MoveOnceAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var take = new NpgsqlCommand(
            // A mover that stops answering (a paused process) must not hold the lock for long.
            "SELECT set_config('idle_in_transaction_session_timeout', '30s', true), pg_try_advisory_xact_lock(@key)", connection, transaction))
        {
            take.Parameters.AddWithValue("key", AdvisoryLockKey);
            await using var reader = await take.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            if (!reader.GetBoolean(1))
            {
                return null;
            }
        }

        int moved;
        double? oldestWait;
        await using (var move = new NpgsqlCommand(MoveSql, connection, transaction))
        {
            move.Parameters.AddWithValue("batch", options.Value.MoveBatch);
            await using var reader = await move.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            moved = reader.GetInt32(0);
            oldestWait = reader.IsDBNull(1) ? null : reader.GetDouble(1);
        }

        await transaction.CommitAsync(cancellationToken);
        if (oldestWait is { } wait && metrics is { Enabled: true })
        {
            metrics.Moved(wait);
        }

        return moved;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            var delay = options.Value.MoveInterval;
            try
            {
                var moved = await MoveOnceAsync(stoppingToken);
                if (failures > 0)
                {
                    LogRecovered(failures);
                    failures = 0;
                }

                if (moved == options.Value.MoveBatch)
                {
                    // A full batch: more are probably waiting.
                    continue;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The database is away or the statement failed: nothing moved, the pending rows wait. Back off up to 5 s.
                failures++;
                LogMoveFailed(e, failures);
                delay = TimeSpan.FromMilliseconds(Math.Min(5_000, delay.TotalMilliseconds * Math.Pow(2, Math.Min(failures, 10))));
            }

            try
            {
                await Task.Delay(delay, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Moving captured changes into the change feed failed (attempt {Attempt}); retrying")]
    private partial void LogMoveFailed(Exception exception, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Change feed sequencer running again after {Failures} failed attempts")]
    private partial void LogRecovered(int failures);
}
