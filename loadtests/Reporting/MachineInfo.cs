using System.Globalization;
using System.Runtime.InteropServices;

namespace DossierTracking.LoadTests.Reporting;

/// <summary>The machine the client ran on (the silo shares it: the target is loopback), read from /proc where possible.</summary>
public sealed record MachineInfo
{
    public required string CpuModel { get; init; }

    /// <summary>Logical processors available to this process, as nproc counts them (affinity and cgroup limits included).</summary>
    public required int Processors { get; init; }

    public required long? MemTotalBytes { get; init; }
    public required string OperatingSystem { get; init; }
    public required string Runtime { get; init; }

    public static MachineInfo Read() => new()
    {
        CpuModel = FirstValue("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString(),
        Processors = Environment.ProcessorCount,
        MemTotalBytes = MemTotal(),
        OperatingSystem = RuntimeInformation.OSDescription,
        Runtime = RuntimeInformation.FrameworkDescription,
    };

    private static long? MemTotal()
    {
        // "MemTotal:       24594392 kB"
        var value = FirstValue("/proc/meminfo", "MemTotal");
        var number = value?.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        return long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var kb) ? kb * 1024 : null;
    }

    private static string? FirstValue(string path, string key)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        foreach (var line in File.ReadLines(path))
        {
            var colon = line.IndexOf(':');
            if (colon > 0 && line[..colon].Trim() == key)
            {
                return line[(colon + 1)..].Trim();
            }
        }

        return null;
    }
}
