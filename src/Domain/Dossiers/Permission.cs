namespace DossierTracking.Domain.Dossiers;

/// <summary>A party allowed to take an action, the objects it may take it on, and the states it may act from.</summary>
public sealed record Permission(DossierTracking.Contracts.Dossiers.Party Party, ActorScope Scope, IReadOnlySet<DossierTracking.Contracts.Dossiers.DossierState>? OnlyFrom = null);
