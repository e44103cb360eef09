using System.Collections.Frozen;
using DossierTracking.Contracts.Dossiers;
using static DossierTracking.Contracts.Dossiers.DossierState;

namespace DossierTracking.Grains.Dossiers;

/// <summary>Whose unit an officer must belong to for an action.</summary>
public enum ActorScope
{
    /// <summary>Any caller of the party (portals, partners, the system).</summary>
    Any,
    /// <summary>An officer of the dossier's receiving desk.</summary>
    ReceivingDesk,
    /// <summary>An officer of the agency that holds the dossier now (competent or coordinating).</summary>
    CurrentAgency,
    /// <summary>An officer of the competent agency.</summary>
    HandlingAgency,
}

/// <summary>A party allowed to take an action, the unit it must act for, and the states it may act from.</summary>
public sealed record Permission(Party Party, ActorScope Scope, IReadOnlySet<DossierState>? OnlyFrom = null);

/// <summary>One legal move of the lifecycle.</summary>
public sealed record TransitionRule(DossierAction Action, IReadOnlySet<DossierState> From, IReadOnlyList<Permission> Permissions)
{
    public bool AllowsParty(Party party) => Permissions.Any(p => p.Party == party);
}

/// <summary>
/// The lifecycle of DOMAIN.md "Transitions and who may make them" as data. Anything not listed is illegal.
/// Target states are decided by <see cref="DossierDecider"/> (a supplement returns to where it was).
/// </summary>
public static class TransitionTable
{
    private static readonly FrozenDictionary<DossierAction, TransitionRule> Rules = new TransitionRule[]
    {
        Rule(DossierAction.Accept, [Submitted], Desk()),
        Rule(DossierAction.RefuseIntake, [Submitted], Desk()),
        Rule(DossierAction.RequestSupplement, [Submitted, Received, InProcessing],
            new Permission(Party.DeskOfficer, ActorScope.ReceivingDesk, new HashSet<DossierState> { Submitted, Received }),
            new Permission(Party.AgencyOfficer, ActorScope.CurrentAgency, new HashSet<DossierState> { InProcessing })),
        Rule(DossierAction.ReceiveSupplement, [AwaitingSupplement], Desk()),
        Rule(DossierAction.ExpireSupplement, [AwaitingSupplement], Desk(), new Permission(Party.System, ActorScope.Any)),
        Rule(DossierAction.Forward, [Received], Desk()),
        Rule(DossierAction.RecordStep, [InProcessing], new Permission(Party.AgencyOfficer, ActorScope.CurrentAgency)),
        Rule(DossierAction.Transfer, [InProcessing], new Permission(Party.AgencyOfficer, ActorScope.HandlingAgency)),
        Rule(DossierAction.ReturnFromTransfer, [InProcessing], new Permission(Party.AgencyOfficer, ActorScope.CurrentAgency)),
        Rule(DossierAction.RequestPayment, [InProcessing], new Permission(Party.AgencyOfficer, ActorScope.HandlingAgency)),
        Rule(DossierAction.ConfirmPayment, [AwaitingPayment], new Permission(Party.PaymentIntermediary, ActorScope.Any)),
        Rule(DossierAction.Withdraw, [Submitted, Received, InProcessing, AwaitingSupplement, AwaitingPayment],
            new Permission(Party.Portal, ActorScope.Any), Desk()),
        Rule(DossierAction.Stop, [InProcessing, AwaitingSupplement], new Permission(Party.AgencyLeader, ActorScope.HandlingAgency)),
        Rule(DossierAction.RecordResult, [InProcessing], new Permission(Party.AgencyOfficer, ActorScope.HandlingAgency)),
        Rule(DossierAction.ReturnResult, [ResultReady], Desk(), new Permission(Party.PostalService, ActorScope.Any)),
        Rule(DossierAction.HandToPost, [ResultReady], Desk()),
        Rule(DossierAction.IssueApology, [Received, InProcessing, AwaitingSupplement, AwaitingPayment],
            new Permission(Party.AgencyOfficer, ActorScope.HandlingAgency),
            new Permission(Party.AgencyLeader, ActorScope.HandlingAgency),
            Desk()),
    }.ToFrozenDictionary(r => r.Action);

    /// <summary>Terminal states: nothing leaves them.</summary>
    public static IReadOnlySet<DossierState> Terminal { get; } =
        new HashSet<DossierState> { RejectedAtIntake, Withdrawn, Stopped, ResultReturned }.ToFrozenSet();

    public static IEnumerable<TransitionRule> All => Rules.Values;

    public static TransitionRule For(DossierAction action) =>
        Rules.TryGetValue(action, out var rule) ? rule : throw new ArgumentOutOfRangeException(nameof(action), action, "Not a lifecycle action.");

    /// <summary>Creation actions (– → 1, – → 2) and the parties allowed to take them.</summary>
    public static IReadOnlyList<Permission> CreationPermissions(Channel channel) => channel switch
    {
        Channel.Online => [new Permission(Party.Portal, ActorScope.Any)],
        Channel.Counter or Channel.Postal => [Desk()],
        _ => [],
    };

    private static Permission Desk() => new(Party.DeskOfficer, ActorScope.ReceivingDesk);

    private static TransitionRule Rule(DossierAction action, DossierState[] from, params Permission[] permissions) =>
        new(action, from.ToFrozenSet(), permissions);
}
