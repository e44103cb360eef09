namespace DossierTracking.LoadTests.Measurement;

/// <summary>
/// One process as /proc/{pid}/stat shows it: its command name, its parent, its own CPU time (utime, stime) and that of
/// its children that have exited and been waited for (cutime, cstime), all in clock ticks.
/// </summary>
public sealed record ProcEntry(int ProcessId, string Command, int ParentId, long UserTicks, long SystemTicks, long ChildUserTicks, long ChildSystemTicks)
{
    /// <summary>Its own CPU time and that of its finished children: what it and its descendants that are gone used.</summary>
    public long TicksWithFinishedChildren => UserTicks + SystemTicks + ChildUserTicks + ChildSystemTicks;
}
