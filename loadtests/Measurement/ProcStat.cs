using System.Globalization;

namespace DossierTracking.LoadTests.Measurement;

/// <summary>Reads a process's CPU time from /proc/{pid}/stat (Linux), when the silo runs on this machine.</summary>
public static class ProcStat
{
    /// <summary>USER_HZ: the unit of utime and stime. It is 100 on every Linux the project runs on.</summary>
    public const int ClockTicksPerSecond = 100;

    /// <summary>utime + stime (fields 14 and 15) in clock ticks, or null when the file is missing or unreadable.</summary>
    public static long? TryReadCpuTicks(int processId) =>
        TryRead(processId) is { } entry ? entry.UserTicks + entry.SystemTicks : null;

    /// <summary>The fields of /proc/{pid}/stat the meters use, or null when the process is gone or the file unreadable.</summary>
    public static ProcEntry? TryRead(int processId)
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

        return Parse(processId, text);
    }

    /// <summary>Parses one /proc/{pid}/stat line; null when it does not have the fields.</summary>
    public static ProcEntry? Parse(int processId, string text)
    {
        // Field 2 is the command name in parentheses and may itself hold spaces or ')': count from the last ')'.
        var open = text.IndexOf('(');
        var afterName = text.LastIndexOf(')');
        if (open < 0 || afterName < open)
        {
            return null;
        }

        // The first field after the name is field 3, so field N is at index N - 3.
        var fields = text[(afterName + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return fields.Length > 17 - 3
            && int.TryParse(fields[4 - 3], NumberStyles.None, CultureInfo.InvariantCulture, out var parent)
            && long.TryParse(fields[14 - 3], NumberStyles.None, CultureInfo.InvariantCulture, out var utime)
            && long.TryParse(fields[15 - 3], NumberStyles.None, CultureInfo.InvariantCulture, out var stime)
            && long.TryParse(fields[16 - 3], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var cutime)
            && long.TryParse(fields[17 - 3], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var cstime)
                ? new ProcEntry(processId, text[(open + 1)..afterName], parent, utime, stime, cutime, cstime)
                : null;
    }

    public static double TicksToMilliseconds(long ticks) => ticks * 1000.0 / ClockTicksPerSecond;
}
