namespace DossierTracking.LoadTests.Cli;

/// <summary>The process's exit codes. A run that completed is 0 even when targets were missed: those are findings.</summary>
public static class ExitCodes
{
    public const int Completed = 0;
    public const int Crashed = 1;

    /// <summary>Bad options, or a target that is not a reachable silo with its probe on.</summary>
    public const int Unusable = 2;

    /// <summary>The import benchmark ran, but a check failed: lines refused, a report that does not count them, a repeat that imported again.</summary>
    public const int ChecksFailed = 3;
}
