using System.Globalization;

namespace DossierTracking.LoadTests.Measurement;

/// <summary>
/// The CPU time of a process and all its descendants, from /proc. PostgreSQL runs as a postmaster with one child per
/// connection and a few background workers (checkpointer, WAL writer, autovacuum), so its cost is the whole tree's.
/// A child that exits is waited for by its parent, and the kernel then adds its CPU time to the parent's cutime and
/// cstime: summing utime + stime + cutime + cstime over the live tree keeps a finished backend's CPU counted.
/// </summary>
public static class ProcessTree
{
    /// <summary>The tree's CPU ticks, or null when the root process is gone or /proc cannot be read.</summary>
    public static long? TryReadTicks(int rootProcessId)
    {
        var entries = new List<ProcEntry>();
        try
        {
            foreach (var directory in Directory.EnumerateDirectories("/proc"))
            {
                if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                    && ProcStat.TryRead(pid) is { } entry)
                {
                    entries.Add(entry);
                }
            }
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }

        return SumTicks(entries, rootProcessId);
    }

    /// <summary>The ticks of the root and every process whose parent chain leads to it; null when the root is not among them.</summary>
    public static long? SumTicks(IReadOnlyCollection<ProcEntry> entries, int rootProcessId)
    {
        if (entries.All(e => e.ProcessId != rootProcessId))
        {
            return null;
        }

        var children = entries.ToLookup(e => e.ParentId);
        var total = 0L;
        var pending = new Stack<ProcEntry>(entries.Where(e => e.ProcessId == rootProcessId));
        var seen = new HashSet<int>();
        while (pending.TryPop(out var entry))
        {
            if (!seen.Add(entry.ProcessId))
            {
                continue;
            }

            total += entry.TicksWithFinishedChildren;
            foreach (var child in children[entry.ProcessId])
            {
                pending.Push(child);
            }
        }

        return total;
    }
}
