using DossierTracking.GrpcApi.Probe;
using DossierTracking.LoadTests.Workload;

namespace DossierTracking.LoadTests.Phases;

/// <summary>The silo's baseline and the workload built from its live catalogue.</summary>
public sealed record PreflightResult(StatsReply Baseline, CatalogueSnapshot Catalogue, WorkloadModel Workload);
