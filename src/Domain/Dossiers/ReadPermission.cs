using DossierTracking.Contracts.Dossiers;

namespace DossierTracking.Domain.Dossiers;

/// <summary>A party allowed to read a dossier for some purpose, the dossiers it may read, and how much it sees.</summary>
public sealed record ReadPermission(Party Party, ActorScope Scope, Disclosure Shows = Disclosure.Full);
