using DossierTracking.Contracts.Dossiers;

namespace DossierTracking.Domain.Dossiers;

/// <summary>One legal move of the lifecycle: the states it leaves from and who may make it, on which dossiers.</summary>
public sealed record TransitionRule(DossierAction Action, IReadOnlySet<DossierState> From, IReadOnlyList<Permission> Permissions)
{
    public bool AllowsParty(Party party) => Permissions.Any(p => p.Party == party);
}
