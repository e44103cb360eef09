using DossierTracking.Contracts.Dossiers;

namespace DossierTracking.Contracts.Agencies;

/// <summary>Counts by channel: online, at the counter, by post.</summary>
[GenerateSerializer, Immutable, Alias("dvc.ChannelCounts")]
public sealed record ChannelCounts(
    [property: Id(0)] int Online,
    [property: Id(1)] int Counter,
    [property: Id(2)] int Postal)
{
    public static readonly ChannelCounts Zero = new(0, 0, 0);

    public int Total => Online + Counter + Postal;

    public ChannelCounts Add(Channel channel) => channel switch
    {
        Channel.Online => this with { Online = Online + 1 },
        Channel.Counter => this with { Counter = Counter + 1 },
        Channel.Postal => this with { Postal = Postal + 1 },
        _ => this,
    };
}

/// <summary>Ratings by level.</summary>
[GenerateSerializer, Immutable, Alias("dvc.SatisfactionCounts")]
public sealed record SatisfactionCounts(
    [property: Id(0)] int VerySatisfied,
    [property: Id(1)] int Satisfied,
    [property: Id(2)] int NotSatisfied)
{
    public static readonly SatisfactionCounts Zero = new(0, 0, 0);

    public SatisfactionCounts Add(Satisfaction level) => level switch
    {
        Satisfaction.VerySatisfied => this with { VerySatisfied = VerySatisfied + 1 },
        Satisfaction.Satisfied => this with { Satisfied = Satisfied + 1 },
        Satisfaction.NotSatisfied => this with { NotSatisfied = NotSatisfied + 1 },
        _ => this,
    };
}

/// <summary>
/// The live figures of one agency or desk at <see cref="EvaluatedAt"/>: the dossiers it handles or received.
/// Open dossiers are judged at that moment, so one that passed its due date counts as overdue without any change.
/// </summary>
[GenerateSerializer, Immutable, Alias("dvc.AgencyFigures")]
public sealed record AgencyFigures
{
    [Id(0)] public required string AgencyCode { get; init; }
    [Id(1)] public required DateTimeOffset EvaluatedAt { get; init; }
    /// <summary>Dossiers per state (index = state code; 0 unused).</summary>
    [Id(2)] public required IReadOnlyList<int> ByState { get; init; }
    [Id(3)] public required ChannelCounts ReceivedToday { get; init; }
    [Id(4)] public required ChannelCounts ReceivedThisMonth { get; init; }
    [Id(5)] public required ChannelCounts ReceivedThisYear { get; init; }
    [Id(6)] public required int FinishedEarly { get; init; }
    [Id(7)] public required int FinishedOnTime { get; init; }
    [Id(8)] public required int FinishedLate { get; init; }
    [Id(9)] public required int OpenWithinDeadline { get; init; }
    [Id(10)] public required int OpenOverdue { get; init; }
    [Id(11)] public required int Paused { get; init; }
    [Id(12)] public required int ApologyDue { get; init; }
    /// <summary>Mean time from intake to result over the finished dossiers (pauses excluded).</summary>
    [Id(13)] public required TimeSpan AverageProcessingTime { get; init; }
    /// <summary>Dossiers awaiting action at this agency (its work queue).</summary>
    [Id(14)] public required int QueueLength { get; init; }
    [Id(15)] public required int Total { get; init; }
    /// <summary>Ratings of the dossiers finished this year.</summary>
    [Id(16)] public required SatisfactionCounts Ratings { get; init; }
    /// <summary>Dossiers in processing at the agency now, per assigned officer ("" for nobody).</summary>
    [Id(17)] public IReadOnlyDictionary<string, int> InProcessingByAssignee { get; init; } = new Dictionary<string, int>();
}
