namespace DossierTracking.Contracts.Webhooks;

/// <summary>A change a subscription gave up on after its last attempt; redelivery from its position sends it again.</summary>
[GenerateSerializer, Immutable, Alias("dvc.DeadLetter")]
public sealed record DeadLetter
{
    [Id(0)] public required long Position { get; init; }
    [Id(1)] public required string ReceiptCode { get; init; }
    [Id(2)] public required long Version { get; init; }
    [Id(3)] public required int Attempts { get; init; }
    /// <summary>What the endpoint answered the last time (an HTTP status, a timeout, a refused connection).</summary>
    [Id(4)] public required string LastError { get; init; }
    [Id(5)] public required DateTimeOffset GaveUpAt { get; init; }
}
