using DossierTracking.GrpcApi.Probe;
using DossierTracking.LoadTests.Reporting;
using Grpc.Core;

namespace DossierTracking.LoadTests.Phases;

/// <summary>
/// Right after submit, every dossier is active: a full GC on the silo, then its heap and working set against the
/// baseline, per active dossier grain.
/// </summary>
public static class MemoryPhase
{
    private const string DossierGrainSuffix = "DossierGrain";

    public static async Task RunAsync(RunContext context)
    {
        var after = await context.Probe.GetStatsAsync(
            new StatsRequest { CollectGarbage = true },
            new CallOptions(deadline: DateTime.UtcNow.AddSeconds(120), cancellationToken: context.Bounds.Abort));
        var before = context.Baseline;
        context.Memory = new MemoryReport
        {
            ManagedHeapBeforeBytes = before.ManagedHeapBytes,
            ManagedHeapAfterBytes = after.ManagedHeapBytes,
            WorkingSetBeforeBytes = before.WorkingSetBytes,
            WorkingSetAfterBytes = after.WorkingSetBytes,
            DossierActivationsBefore = DossierActivations(before),
            DossierActivations = DossierActivations(after),
            OtherActivations = after.ActivationsByType
                .Where(a => !IsDossierGrain(a.Key))
                .OrderBy(a => a.Key, StringComparer.Ordinal)
                .ToDictionary(a => a.Key, a => a.Value),
        };
    }

    public static long DossierActivations(StatsReply stats) =>
        stats.ActivationsByType.Where(a => IsDossierGrain(a.Key)).Sum(a => a.Value);

    /// <summary>
    /// The probe names grain types as Orleans does, assembly-qualified
    /// ("DossierTracking.Grains.Dossiers.DossierGrain,DossierTracking.Grains"): the type name is the part before the comma.
    /// </summary>
    private static bool IsDossierGrain(string grainType)
    {
        var comma = grainType.IndexOf(',', StringComparison.Ordinal);
        var typeName = comma < 0 ? grainType : grainType[..comma];
        return typeName.EndsWith(DossierGrainSuffix, StringComparison.Ordinal);
    }
}
