namespace DossierTracking.LoadTests.Import;

/// <summary>One history entry of a generated line, in the schema's words (docs/import.md); <see cref="At"/> is local time (UTC+7).</summary>
public readonly record struct HistoryStep(DateTime At, string Action, string ToState, string Agency, string Party, string ActorId, string? Unit, string? Note);
