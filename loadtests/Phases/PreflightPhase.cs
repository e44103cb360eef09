using DossierTracking.GrpcApi.Probe;
using DossierTracking.GrpcApi.V1;
using DossierTracking.LoadTests.Workload;
using Grpc.Core;

namespace DossierTracking.LoadTests.Phases;

/// <summary>
/// Checks that the target is a probed silo and reads what the run starts from: the memory baseline (after a full
/// GC) and the catalogue the workload is drawn from.
/// </summary>
public static class PreflightPhase
{
    public const string ProbeHint = "start the silo with Diagnostics__EnableProbe=true";

    public static async Task<PreflightResult> RunAsync(ProbeService.ProbeServiceClient probe, CatalogService.CatalogServiceClient catalog, Uri target, CancellationToken cancellationToken)
    {
        StatsReply baseline;
        try
        {
            baseline = await probe.GetStatsAsync(
                new StatsRequest { CollectGarbage = true },
                new CallOptions(deadline: DateTime.UtcNow.AddSeconds(60), cancellationToken: cancellationToken));
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Unimplemented)
        {
            throw new SiloUnavailableException($"{target} does not serve the probe: {ProbeHint}.", e);
        }
        catch (RpcException e)
        {
            throw new SiloUnavailableException($"No silo answered at {target} ({e.StatusCode}: {e.Status.Detail}).", e);
        }

        CatalogueSnapshot catalogue;
        try
        {
            catalogue = await CatalogueSnapshot.LoadAsync(catalog, cancellationToken);
        }
        catch (RpcException e)
        {
            throw new SiloUnavailableException($"The catalogue could not be read from {target} ({e.StatusCode}: {e.Status.Detail}).", e);
        }

        try
        {
            return new PreflightResult(baseline, catalogue, WorkloadModel.Build(catalogue));
        }
        catch (InvalidOperationException e)
        {
            throw new SiloUnavailableException(e.Message, e);
        }
    }
}
