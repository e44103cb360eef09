namespace DossierTracking.LoadTests.Reporting;

/// <summary>The client retries of a run: how many attempts were sent again, by method, and under which policy.</summary>
public sealed record RetrySummary(long Total, IReadOnlyDictionary<string, long> ByMethod, string Policy);
