using System.Diagnostics;

namespace DossierTracking.LoadTests.Crash;

/// <summary>
/// The benchmark's own throwaway PostgreSQL, through the project's <c>scripts/postgres.sh</c>: durable settings (fsync and
/// synchronous commit on), loopback only, in a folder of the benchmark's work directory.
/// </summary>
public sealed class PostgresControl(string script, string folder, int port) : IAsyncDisposable
{
    private bool _started;

    public int Port { get; } = port;

    /// <summary>Starts the server (creating it on first use) and returns the connection string of its database.</summary>
    public async Task<string> StartAsync(CancellationToken cancellationToken)
    {
        var printed = await RunAsync(["start", folder, Port.ToString(System.Globalization.CultureInfo.InvariantCulture)], cancellationToken);
        _started = true;
        return printed.Trim().Split('\n')[^1];
    }

    /// <summary>A new database on the running server (each round gets its own); its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string name, CancellationToken cancellationToken)
    {
        var printed = await RunAsync(["database", folder, Port.ToString(System.Globalization.CultureInfo.InvariantCulture), name], cancellationToken);
        return printed.Trim().Split('\n')[^1];
    }

    /// <summary>Stops the server at once (pg_ctl -m immediate), as a crash or an outage would.</summary>
    public async Task KillAsync(CancellationToken cancellationToken) => await RunAsync(["kill", folder], cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_started && File.Exists(Path.Combine(folder, "data", "postmaster.pid")))
        {
            await RunAsync(["stop", folder], CancellationToken.None);
        }
    }

    private async Task<string> RunAsync(string[] arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Cannot run bash {script}.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{script} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await error}{await output}");
        }

        return await output;
    }
}
