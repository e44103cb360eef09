namespace DossierTracking.Grains.Streams;

/// <summary>The stored state of <see cref="FeedStreamCheckpointGrain"/>.</summary>
[GenerateSerializer, Alias("dvc.FeedStreamCheckpoint")]
public sealed record FeedStreamCheckpoint
{
    [Id(0)] public long Position { get; init; }
}
