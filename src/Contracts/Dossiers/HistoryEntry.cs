namespace DossierTracking.Contracts.Dossiers;

/// <summary>One row of the processing control slip (phiếu kiểm soát): a change and who made it.</summary>
[GenerateSerializer, Immutable, Alias("dvc.HistoryEntry")]
public sealed record HistoryEntry
{
    /// <summary>The dossier version this change produced (1 for creation).</summary>
    [Id(0)] public required long Version { get; init; }
    [Id(1)] public required DateTimeOffset At { get; init; }
    [Id(2)] public required DossierAction Action { get; init; }
    [Id(3)] public required Actor Actor { get; init; }
    [Id(4)] public required DossierState FromState { get; init; }
    [Id(5)] public required DossierState ToState { get; init; }
    /// <summary>The agency that holds the dossier after this change.</summary>
    [Id(6)] public required string AgencyCode { get; init; }
    [Id(7)] public string Note { get; init; } = "";
    /// <summary>The due date of the step that starts with this change, where one applies.</summary>
    [Id(8)] public DateTimeOffset? StepDueAt { get; init; }
    /// <summary>The caller's idempotency key of the request that made this change (null when it had none): a retry finds it here.</summary>
    [Id(9)] public string? RequestKey { get; init; }
    /// <summary>A hash of that request, to tell a retry from another request reusing its key.</summary>
    [Id(10)] public string? RequestFingerprint { get; init; }
}
