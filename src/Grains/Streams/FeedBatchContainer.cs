using DossierTracking.Contracts.Feed;
using Orleans.Providers.Streams.Common;
using Orleans.Runtime;
using Orleans.Streams;

namespace DossierTracking.Grains.Streams;

/// <summary>
/// One change of the feed as the pulling agent carries it: a batch of one event whose sequence token is the change's
/// feed position, so a subscriber's token is a feed position and a rewind names one.
/// </summary>
[GenerateSerializer, Immutable, Alias("dvc.FeedBatchContainer")]
public sealed class FeedBatchContainer : IBatchContainer
{
    public FeedBatchContainer(StreamId streamId, FeedChange change)
    {
        StreamId = streamId;
        Change = change;
        Token = new EventSequenceTokenV2(change.Position);
    }

    [Id(0)] public StreamId StreamId { get; }

    [Id(1)] public FeedChange Change { get; }

    [Id(2)] public EventSequenceTokenV2 Token { get; }

    public StreamSequenceToken SequenceToken => Token;

    /// <summary>The token of a feed position: a subscriber resuming with it takes the change at that position first.</summary>
    public static StreamSequenceToken TokenAt(long position) => new EventSequenceTokenV2(position);

    public IEnumerable<Tuple<T, StreamSequenceToken>> GetEvents<T>() =>
        Change is T typed ? [Tuple.Create(typed, (StreamSequenceToken)Token)] : [];

    /// <summary>Changes come from a database trigger: there is no caller's request context to restore.</summary>
    public bool ImportRequestContext() => false;
}
