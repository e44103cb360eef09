using System.Globalization;
using DossierTracking.LoadTests.Reporting;
using Npgsql;

namespace DossierTracking.LoadTests.Measurement;

/// <summary>
/// Samples what PostgreSQL spends around a measured window, through one connection of its own: the CPU of the
/// server's processes (postmaster and every child, from /proc, when the server runs on this machine), the WAL insert
/// position, and the statements (pg_stat_statements) and transactions (pg_stat_database) executed. All of these are
/// cluster-wide: the relay, the feed, the audit writer and autovacuum count too, which is the point: they are the cost
/// of the calls. The meter's own queries fall outside the CPU window: the window opens after its query and closes
/// before the next one.
/// </summary>
public sealed class PostgresMeter : IAsyncDisposable
{
    /// <summary>
    /// pg_stat_statements(false) skips the query texts, which live in a file the view would read on every sample.
    /// WAL is measured at the insert position: it counts WAL generated even while it still sits in WAL buffers.
    /// </summary>
    private const string SampleWithStatements =
        "SELECT pg_wal_lsn_diff(pg_current_wal_insert_lsn(), '0/0')::bigint, " +
        "(SELECT sum(calls)::bigint FROM pg_stat_statements(false)), " +
        "(SELECT sum(xact_commit + xact_rollback)::bigint FROM pg_stat_database)";

    private const string SampleWithoutStatements =
        "SELECT pg_wal_lsn_diff(pg_current_wal_insert_lsn(), '0/0')::bigint, NULL::bigint, " +
        "(SELECT sum(xact_commit + xact_rollback)::bigint FROM pg_stat_database)";

    private readonly NpgsqlConnection connection;
    private readonly SemaphoreSlim gate = new(1, 1);

    private PostgresMeter(NpgsqlConnection connection, PostgresInfo info)
    {
        this.connection = connection;
        Info = info;
    }

    public PostgresInfo Info { get; }

    /// <summary>
    /// Connects, loads pg_stat_statements into the database if the server preloads it (CREATE EXTENSION IF NOT
    /// EXISTS), and finds the postmaster: the parent of this connection's backend, if that backend is a process here.
    /// </summary>
    /// <exception cref="NpgsqlException">The server cannot be reached with this connection string.</exception>
    public static async Task<PostgresMeter> ConnectAsync(string connectionString, CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString)
        {
            ApplicationName = "dvc-loadtests-meter",
            Pooling = false,
            Multiplexing = false,
        };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            var statementsProblem = await TryLoadStatementsAsync(connection, cancellationToken);
            var (backend, clientPort) = await BackendAsync(connection, cancellationToken);
            var (postmaster, cpuProblem) = FindPostmaster(backend, clientPort);
            var info = new PostgresInfo
            {
                Server = $"{builder.Host}:{builder.Port}/{builder.Database}",
                Version = connection.PostgreSqlVersion.ToString(),
                PostmasterProcessId = postmaster,
                CpuUnavailable = cpuProblem,
                CountsStatements = statementsProblem is null,
                StatementsUnavailable = statementsProblem,
            };
            return new PostgresMeter(connection, info);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Opens a window: the counters first, then the CPU, so the sampling query is not in the window.</summary>
    public async Task<PostgresSample> OpenWindowAsync(CancellationToken cancellationToken)
    {
        var sample = await QueryAsync(cancellationToken);
        return sample with { CpuTicks = ReadCpu() };
    }

    /// <summary>Closes a window: the CPU first, then the counters.</summary>
    public async Task<PostgresSample> CloseWindowAsync(CancellationToken cancellationToken)
    {
        var ticks = ReadCpu();
        return await QueryAsync(cancellationToken) with { CpuTicks = ticks };
    }

    /// <summary>
    /// Every statement's counters (pg_stat_statements with its texts), for <see cref="StatementProfile"/>; empty when the
    /// view does not answer. Read between windows, never inside one.
    /// </summary>
    public async Task<IReadOnlyDictionary<long, StatementProfile.Counters>> StatementsAsync(CancellationToken cancellationToken)
    {
        var statements = new Dictionary<long, StatementProfile.Counters>();
        if (!Info.CountsStatements)
        {
            return statements;
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            await using var command = new NpgsqlCommand(
                "SELECT queryid, sum(calls)::bigint, sum(total_exec_time), sum(wal_bytes)::bigint, min(query) FROM pg_stat_statements " +
                "WHERE queryid IS NOT NULL GROUP BY queryid", connection);
            command.CommandTimeout = 30;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                statements[reader.GetInt64(0)] = new StatementProfile.Counters(reader.GetInt64(1), reader.GetDouble(2), reader.GetInt64(3), reader.IsDBNull(4) ? "" : reader.GetString(4));
            }
        }
        catch (NpgsqlException)
        {
            statements.Clear();
        }
        finally
        {
            gate.Release();
        }

        return statements;
    }

    public async ValueTask DisposeAsync()
    {
        await connection.DisposeAsync();
        gate.Dispose();
    }

    private long? ReadCpu() => Info.PostmasterProcessId is { } pid ? ProcessTree.TryReadTicks(pid) : null;

    /// <summary>A failed sample costs the window its database figures, not the run; a broken connection is reopened.</summary>
    private async Task<PostgresSample> QueryAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (connection.State != System.Data.ConnectionState.Open)
            {
                await connection.CloseAsync();
                await connection.OpenAsync(cancellationToken);
            }

            await using var command = new NpgsqlCommand(Info.CountsStatements ? SampleWithStatements : SampleWithoutStatements, connection);
            command.CommandTimeout = 30;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return default;
            }

            return new PostgresSample(
                CpuTicks: null,
                WalPosition: reader.IsDBNull(0) ? null : reader.GetInt64(0),
                Statements: reader.IsDBNull(1) ? null : reader.GetInt64(1),
                Transactions: reader.IsDBNull(2) ? null : reader.GetInt64(2));
        }
        catch (NpgsqlException)
        {
            return default;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Null when pg_stat_statements answers; otherwise why not (not preloaded, not installed, no right).</summary>
    private static async Task<string?> TryLoadStatementsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            await using (var create = new NpgsqlCommand("CREATE EXTENSION IF NOT EXISTS pg_stat_statements", connection))
            {
                await create.ExecuteNonQueryAsync(cancellationToken);
            }

            await using var probe = new NpgsqlCommand("SELECT count(*) FROM pg_stat_statements(false)", connection);
            await probe.ExecuteScalarAsync(cancellationToken);
            return null;
        }
        catch (PostgresException e)
        {
            return e.SqlState == PostgresErrorCodes.ObjectNotInPrerequisiteState
                ? "pg_stat_statements is not in shared_preload_libraries"
                : $"pg_stat_statements: {e.MessageText}";
        }
    }

    private static async Task<(int Backend, int? ClientPort)> BackendAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_backend_pid(), inet_client_port()", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt32(0), reader.IsDBNull(1) ? null : reader.GetInt32(1));
    }

    /// <summary>
    /// The backend serving this connection is a child of the postmaster. A pid from the server means the same process
    /// here only on the same machine and in the same pid namespace: the backend's process title names this
    /// connection's client port ("postgres: user db 127.0.0.1(port) idle"), which another process would not.
    /// </summary>
    private static (int? Postmaster, string? Problem) FindPostmaster(int backend, int? clientPort)
    {
        if (ProcStat.TryRead(backend) is not { } entry)
        {
            return (null, "the server's processes are not on this machine");
        }

        string title;
        try
        {
            title = File.ReadAllText($"/proc/{backend}/cmdline").Replace('\0', ' ');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, "the server's process titles are not readable here");
        }

        var matches = clientPort is { } port
            ? title.Contains(string.Create(CultureInfo.InvariantCulture, $"({port})"), StringComparison.Ordinal)
            : entry.Command == "postgres";
        if (!matches)
        {
            return (null, "the server's processes are not on this machine");
        }

        return ProcStat.TryRead(entry.ParentId) is not null
            ? (entry.ParentId, null)
            : (null, "the postmaster's /proc entry is not readable");
    }
}
