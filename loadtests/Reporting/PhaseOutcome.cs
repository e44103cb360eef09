namespace DossierTracking.LoadTests.Reporting;

/// <summary>What became of one phase: run, not selected, or skipped (and why).</summary>
public sealed record PhaseOutcome(string Phase, string Status, string? Detail = null);
