namespace DossierTracking.Contracts.Agencies;

/// <summary>One figure of one agency that differs between the live agency and a recount from the dossiers.</summary>
public sealed record FigureDifference(string AgencyCode, string Figure, long Live, long Recounted);

public sealed record RecountReport
{
    public required DateTimeOffset EvaluatedAt { get; init; }
    public required int Dossiers { get; init; }
    public required int Agencies { get; init; }
    public required IReadOnlyList<FigureDifference> Differences { get; init; }
    public required int ReadModelMissing { get; init; }
    public required int ReadModelStale { get; init; }
    public required int ReadModelOrphans { get; init; }

    public bool Clean => Differences.Count == 0 && ReadModelMissing == 0 && ReadModelStale == 0 && ReadModelOrphans == 0;
}

/// <summary>Recounts every agency from the dossiers' own stored state (the durable truth) and compares.</summary>
public interface IAgencyRecount
{
    Task<RecountReport> RecountAsync(CancellationToken cancellationToken);
}
