using System.Diagnostics;
using System.Globalization;
using DossierTracking.GrpcApi.V1;
using DossierTracking.LoadTests.Cli;
using DossierTracking.LoadTests.Clients;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;

namespace DossierTracking.LoadTests.Crash;

/// <summary>
/// One silo as its own process (the built DossierTracking.Silo.dll), configured through environment variables as an
/// operator would, its output in a log file of the work folder. Reached through two channels: one retrying as clients
/// should (the load), one that sees every refusal as it comes (the probes that time recovery).
/// </summary>
public sealed class SiloNode : IAsyncDisposable
{
    private static readonly TimeSpan HealthPoll = TimeSpan.FromMilliseconds(100);

    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly Lock _logGate = new();
    private bool _logClosed;
    private readonly GrpcChannel _retrying;
    private readonly GrpcChannel _direct;

    private SiloNode(Process process, int grpcPort, string logPath, RetryTally retries, CallerTokens tokens)
    {
        _process = process;
        LogPath = logPath;
        _log = new StreamWriter(logPath, append: true) { AutoFlush = true };
        var target = new Uri($"http://127.0.0.1:{grpcPort}");
        _retrying = ClientChannels.Create(target, retries);
        _direct = ClientChannels.Create(target, new RetryTally(), retry: false);
        Dossiers = new DossierService.DossierServiceClient(_retrying.Intercept(tokens));
        Probe = new DossierService.DossierServiceClient(_direct.Intercept(tokens));
    }

    /// <summary>Calls that retry UNAVAILABLE, as the README's clients do.</summary>
    public DossierService.DossierServiceClient Dossiers { get; }

    /// <summary>Calls that do not retry: one attempt, one answer.</summary>
    public DossierService.DossierServiceClient Probe { get; }

    public string LogPath { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>Starts the process and waits until its <c>/healthz</c> answers, at most <paramref name="limit"/>.</summary>
    public static async Task<SiloNode> StartAsync(string siloDll, IReadOnlyDictionary<string, string> environment, string logPath,
        RetryTally retries, CallerTokens tokens, TimeSpan limit, CancellationToken cancellationToken)
    {
        var grpcPort = LocalPorts.Next();
        var httpPort = LocalPorts.Next();
        var start = new ProcessStartInfo("dotnet")
        {
            // The silo's folder: its appsettings.json is read from the working directory.
            WorkingDirectory = Path.GetDirectoryName(siloDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(siloDll);
        start.Environment["Network__GrpcPort"] = grpcPort.ToString(CultureInfo.InvariantCulture);
        start.Environment["Network__HttpPort"] = httpPort.ToString(CultureInfo.InvariantCulture);
        start.Environment["Silo__SiloPort"] = LocalPorts.Next().ToString(CultureInfo.InvariantCulture);
        start.Environment["Silo__GatewayPort"] = LocalPorts.Next().ToString(CultureInfo.InvariantCulture);
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Cannot start dotnet.");
        var silo = new SiloNode(process, grpcPort, logPath, retries, tokens);
        process.OutputDataReceived += (_, e) => silo.Write(e.Data);
        process.ErrorDataReceived += (_, e) => silo.Write(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var started = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
            {
                await silo.DisposeAsync();
                throw new InvalidOperationException($"The silo exited with {process.ExitCode} while starting; see {logPath}.");
            }

            if (started.Elapsed > limit)
            {
                await silo.DisposeAsync();
                throw new TimeoutException($"The silo did not answer /healthz within {limit}; see {logPath}.");
            }

            try
            {
                using var reply = await http.GetAsync(new Uri($"http://127.0.0.1:{httpPort}/healthz"), cancellationToken);
                if (reply.IsSuccessStatusCode)
                {
                    return silo;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }

            await Task.Delay(HealthPoll, cancellationToken);
        }
    }

    /// <summary>SIGKILL: no shutdown, no flush, as a power cut to the process.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>Sends SIGTERM, as an orchestrator stops a process.</summary>
    public async Task TerminateAsync()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
    }

    /// <summary>Waits for the process to exit; its exit code, or null if it still runs after <paramref name="limit"/>.</summary>
    public async Task<int?> WaitForExitAsync(TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
            return _process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _retrying.Dispose();
        _direct.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        lock (_logGate)
        {
            _logClosed = true;
            _log.Dispose();
        }
    }

    private void Write(string? line)
    {
        lock (_logGate)
        {
            if (line is not null && !_logClosed)
            {
                _log.WriteLine(line);
            }
        }
    }
}
