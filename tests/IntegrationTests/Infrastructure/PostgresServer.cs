using System.Diagnostics;
using Npgsql;

namespace DossierTracking.IntegrationTests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL cluster for tests: initdb into a temp folder, pg_ctl start on a free loopback port,
/// trust authentication, removed on dispose. As root (CI), the server runs as the postgres user, since PostgreSQL
/// refuses to run as root. Needs the Debian postgresql package; .ci/run installs it when missing.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private readonly string _bin;
    private readonly string _root;
    private readonly bool _asPostgresUser;

    private PostgresServer(string bin, string root, int port, bool asPostgresUser)
    {
        _bin = bin;
        _root = root;
        Port = port;
        _asPostgresUser = asPostgresUser;
    }

    public int Port { get; }

    private string DataDirectory => Path.Combine(_root, "data");

    public static async Task<PostgresServer> StartAsync()
    {
        var bin = FindBinDirectory()
            ?? throw new InvalidOperationException("PostgreSQL is not installed here: apt-get install -y postgresql (bash .ci/run does it).");
        var root = Directory.CreateTempSubdirectory("dvc-pg-").FullName;
        var asPostgresUser = Environment.UserName == "root";
        if (asPostgresUser)
        {
            await RunAsync("chown", ["-R", "postgres:postgres", root], asUser: null);
        }

        var server = new PostgresServer(bin, root, FreePorts.Next(), asPostgresUser);
        await server.Tool("initdb", ["-D", server.DataDirectory, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync"]);
        await server.StartServerAsync();
        return server;
    }

    /// <summary>Starts (or restarts) the server on its port.</summary>
    public Task StartServerAsync() => Tool("pg_ctl", ["-D", DataDirectory, "-l", Path.Combine(_root, "server.log"), "-w", "-t", "60",
        "-o", $"-p {Port} -c listen_addresses=127.0.0.1 -k {_root} -c fsync=off -c full_page_writes=off -c max_connections=200", "start"]);

    /// <summary>Stops the server at once, as a crash or an outage would.</summary>
    public Task StopServerAsync() => Tool("pg_ctl", ["-D", DataDirectory, "-m", "immediate", "-w", "stop"]);

    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = "postgres", Database = database, Pooling = true }.ConnectionString;

    /// <summary>A new, empty database; each test gets its own.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "dvc_" + Guid.NewGuid().ToString("N")[..12];
        // Unpooled: a test may have stopped and restarted the server, breaking pooled connections.
        await using var connection = new NpgsqlConnection(ConnectionString("postgres") + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            await StopServerAsync();
        }
        finally
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private Task Tool(string name, string[] arguments) =>
        RunAsync(Path.Combine(_bin, name), arguments, _asPostgresUser ? "postgres" : null);

    private static async Task RunAsync(string file, string[] arguments, string? asUser)
    {
        var start = asUser is null ? new ProcessStartInfo(file) : new ProcessStartInfo("runuser", ["-u", asUser, "--", file, .. arguments]);
        if (asUser is null)
        {
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }
        }

        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.WorkingDirectory = Path.GetTempPath();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(file)} failed ({process.ExitCode}): {await error}{await output}");
        }
    }

    private static string? FindBinDirectory()
    {
        const string debian = "/usr/lib/postgresql";
        if (Directory.Exists(debian))
        {
            foreach (var version in Directory.GetDirectories(debian).OrderByDescending(d => d, StringComparer.Ordinal))
            {
                if (File.Exists(Path.Combine(version, "bin", "initdb")))
                {
                    return Path.Combine(version, "bin");
                }
            }
        }

        return null;
    }
}
