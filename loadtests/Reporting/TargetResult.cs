namespace DossierTracking.LoadTests.Reporting;

/// <summary>
/// One performance target and how this run did against it. For a target judged on a number, <see cref="Value"/> is
/// that number (a ratio to the ceiling, or KB) and <see cref="Bound"/> the limit, so tools reading the JSON need not
/// parse the detail.
/// </summary>
public sealed record TargetResult(string Target, TargetStatus Status, string Detail, double? Value = null, double? Bound = null);
