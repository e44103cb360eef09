namespace DossierTracking.Contracts.Dossiers;

/// <summary>
/// Read-only access to the dossiers whose grains are active on this silo, without a grain call. Each dossier grain
/// publishes its committed state here and withdraws it when it deactivates, so a hit is exactly what the grain
/// would answer; a miss (grain elsewhere or inactive) means: ask the grain.
/// </summary>
public interface ILocalDossierReader
{
    /// <summary>The dossier as of now, or null when its grain is not active on this silo.</summary>
    DossierView? TryRead(string receiptCode);
}
