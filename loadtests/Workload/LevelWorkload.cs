using DossierTracking.GrpcApi.V1;

namespace DossierTracking.LoadTests.Workload;

/// <summary>
/// The dossiers of one administrative level: its share of all dossiers, its receiving desks in rank order and the
/// procedures it decides in code order (indices into <see cref="WorkloadModel"/>'s tables), each with its skew.
/// </summary>
public sealed class LevelWorkload
{
    public required AgencyLevel Level { get; init; }
    public required double Share { get; init; }
    public required IReadOnlyList<int> Desks { get; init; }
    public required IReadOnlyList<int> Procedures { get; init; }
    public required WeightedSampler DeskSampler { get; init; }
    public required WeightedSampler ProcedureSampler { get; init; }
}
