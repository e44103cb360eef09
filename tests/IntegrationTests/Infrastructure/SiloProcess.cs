using System.Diagnostics;
using DossierTracking.GrpcApi.V1;
using DossierTracking.Silo.Hosting;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;

namespace DossierTracking.IntegrationTests.Infrastructure;

/// <summary>
/// The silo as its own operating-system process (the built DossierTracking.Silo.dll), configured through
/// environment variables as an operator would, so that tests can kill it with SIGKILL.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringWriterLog _log;

    private SiloProcess(Process process, StringWriterLog log, SiloPorts ports)
    {
        _process = process;
        _log = log;
        Ports = ports;
        Channel = GrpcChannel.ForAddress($"http://127.0.0.1:{ports.Grpc}");
        Invoker = TestTokens.AsRequestActor(Channel);
        Dossiers = new DossierService.DossierServiceClient(Invoker);
    }

    public GrpcChannel Channel { get; }

    /// <summary>The ports this silo listens on; a restart on the same machine reuses them.</summary>
    public SiloPorts Ports { get; }

    public DossierService.DossierServiceClient Dossiers { get; }

    /// <summary>Calls signed as their request's actor, or as the usual caller of the method (<see cref="TestTokens"/>).</summary>
    public Grpc.Core.CallInvoker Invoker { get; }

    /// <summary>How long the process took until its gRPC health check answered SERVING.</summary>
    public TimeSpan StartupTime { get; private set; }

    public string Output => _log.Text;

    public static async Task<SiloProcess> StartAsync(IReadOnlyDictionary<string, string> environment, TimeSpan timeout, SiloPorts? ports = null)
    {
        ports ??= SiloPorts.Allocate();
        var start = new ProcessStartInfo("dotnet", [typeof(DossierHost).Assembly.Location])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment["Network__GrpcPort"] = ports.Grpc.ToString();
        start.Environment["Network__HttpPort"] = ports.Http.ToString();
        start.Environment["Silo__SiloPort"] = ports.Silo.ToString();
        start.Environment["Silo__GatewayPort"] = ports.Gateway.ToString();
        foreach (var (key, value) in TestTokens.Environment)
        {
            start.Environment[key] = value;
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var stopwatch = Stopwatch.StartNew();
        var process = Process.Start(start)!;
        var log = new StringWriterLog();
        process.OutputDataReceived += (_, e) => log.Append(e.Data);
        process.ErrorDataReceived += (_, e) => log.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var silo = new SiloProcess(process, log, ports);
        var health = new Health.HealthClient(silo.Channel);
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The silo exited with {process.ExitCode}: {log.Text}");
            }

            if (stopwatch.Elapsed > timeout)
            {
                await silo.DisposeAsync();
                throw new TimeoutException($"The silo did not answer within {timeout}: {log.Text}");
            }

            try
            {
                var reply = await health.CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(2));
                if (reply.Status == HealthCheckResponse.Types.ServingStatus.Serving)
                {
                    silo.StartupTime = stopwatch.Elapsed;
                    return silo;
                }
            }
            catch (RpcException)
            {
            }

            await Task.Delay(100);
        }
    }

    /// <summary>SIGKILL: no shutdown, no flush, as a power cut to the process.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>How long the last <see cref="StopGracefullyAsync"/> took from SIGTERM to the process's exit.</summary>
    public TimeSpan DrainTime { get; private set; }

    /// <summary>
    /// SIGTERM, as an orchestrator stops a process; waits for it to exit and returns its exit code. A silo still running
    /// after <paramref name="timeout"/> is a hang: <see cref="TimeoutException"/> with what it wrote.
    /// </summary>
    public async Task<int> StopGracefullyAsync(TimeSpan timeout)
    {
        var stopwatch = Stopwatch.StartNew();
        using (var kill = System.Diagnostics.Process.Start("kill", ["-TERM", _process.Id.ToString()]))
        {
            await kill.WaitForExitAsync();
        }

        using var limit = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The silo did not exit within {timeout} of SIGTERM: {_log.Text}");
        }

        DrainTime = stopwatch.Elapsed;
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    public sealed record SiloPorts(int Grpc, int Http, int Silo, int Gateway)
    {
        public static SiloPorts Allocate() => new(FreePorts.Next(), FreePorts.Next(), FreePorts.Next(), FreePorts.Next());
    }

    private sealed class StringWriterLog
    {
        private readonly System.Text.StringBuilder _text = new();

        public string Text
        {
            get
            {
                lock (_text)
                {
                    return _text.ToString();
                }
            }
        }

        public void Append(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (_text)
            {
                _text.AppendLine(line);
            }
        }
    }
}
