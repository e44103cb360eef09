namespace DossierTracking.Contracts.Duties;

/// <summary>
/// The sweep of the scheduled duties: one activation in the cluster (key 0), not reentrant, so one round runs at a
/// time. Every silo with duties on calls <see cref="SweepAsync"/> each <c>Duties:SweepInterval</c>. A round reads the
/// read model's due index for dossiers whose duty time has come and asks each dossier to do what it owes; what is
/// owed, and that it is done once, is the dossier's own decision, so a round run twice (or by two activations at once)
/// does nothing twice.
/// </summary>
[Alias("dvc.IDutySweepGrain")]
public interface IDutySweepGrain : IGrainWithIntegerKey
{
    /// <summary>One round, bounded in time; candidates left over are taken by the next round.</summary>
    [Alias("Sweep")] Task<DutySweepReport> SweepAsync();
}
