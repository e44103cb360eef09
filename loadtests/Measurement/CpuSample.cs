namespace DossierTracking.LoadTests.Measurement;

/// <summary>The silo's CPU time at one moment: from GetStats (ms), and from /proc (clock ticks) when readable.</summary>
public readonly record struct CpuSample(long? StatsCpuMs, long? ProcTicks);
