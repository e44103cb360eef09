using System.Globalization;

namespace DossierTracking.LoadTests.Measurement;

/// <summary>Reads a process's CPU time from /proc/{pid}/stat (Linux), when the silo runs on this machine.</summary>
public static class ProcStat
{
    /// <summary>USER_HZ: the unit of utime and stime. It is 100 on every Linux the project runs on.</summary>
    public const int ClockTicksPerSecond = 100;

    /// <summary>utime + stime (fields 14 and 15) in clock ticks, or null when the file is missing or unreadable.</summary>
    public static long? TryReadCpuTicks(int processId)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{processId}/stat");
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }

        // Field 2 is the command name in parentheses and may itself hold spaces or ')': count from the last ')'.
        var afterName = text.LastIndexOf(')');
        if (afterName < 0)
        {
            return null;
        }

        // The first field after the name is field 3, so field N is at index N - 3.
        var fields = text[(afterName + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return fields.Length > 12
            && long.TryParse(fields[14 - 3], NumberStyles.None, CultureInfo.InvariantCulture, out var utime)
            && long.TryParse(fields[15 - 3], NumberStyles.None, CultureInfo.InvariantCulture, out var stime)
                ? utime + stime
                : null;
    }

    public static double TicksToMilliseconds(long ticks) => ticks * 1000.0 / ClockTicksPerSecond;
}
