namespace DossierTracking.LoadTests.Reporting;

/// <summary>One performance target and how this run did against it.</summary>
public sealed record TargetResult(string Target, TargetStatus Status, string Detail);
