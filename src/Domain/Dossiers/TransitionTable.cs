using System.Collections.Frozen;
using DossierTracking.Contracts.Dossiers;
using static DossierTracking.Contracts.Dossiers.DossierState;

namespace DossierTracking.Domain.Dossiers;

/// <summary>
/// The lifecycle of the domain's transition table as data: for each action, the states it leaves from and who may
/// take it on which dossiers (<see cref="ActorScope"/>). Anything not listed is illegal. Target states are decided by
/// <see cref="DossierDecider"/> (a supplement returns to where it was). Reads and partners' reports have their
/// rules beside this one, in <see cref="AccessTable"/>.
/// </summary>
public static class TransitionTable
{
    private static readonly DossierState[] Every = Enum.GetValues<DossierState>().Where(s => s != None).ToArray();

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
        // Not a change of state: who at the agency holding the dossier works on it. Its officers assign (a colleague or
        // themselves), and so does its leader.
        Rule(DossierAction.Assign, [InProcessing], new Permission(Party.AgencyOfficer, ActorScope.CurrentAgency),
            new Permission(Party.AgencyLeader, ActorScope.CurrentAgency)),
        Rule(DossierAction.Transfer, [InProcessing], new Permission(Party.AgencyOfficer, ActorScope.HandlingAgency)),
        Rule(DossierAction.ReturnFromTransfer, [InProcessing], new Permission(Party.AgencyOfficer, ActorScope.CurrentAgency)),
        Rule(DossierAction.RequestPayment, [InProcessing], new Permission(Party.AgencyOfficer, ActorScope.HandlingAgency)),
        // Reached only through a transaction report, which first applies AccessTable.ReportPayment (the bound intermediary).
        Rule(DossierAction.ConfirmPayment, [AwaitingPayment], new Permission(Party.PaymentIntermediary, ActorScope.Any)),
        Rule(DossierAction.Withdraw, [Submitted, Received, InProcessing, AwaitingSupplement, AwaitingPayment],
            new Permission(Party.Portal, ActorScope.SubmitterOrApplicant), Desk()),
        Rule(DossierAction.Stop, [InProcessing, AwaitingSupplement], new Permission(Party.AgencyLeader, ActorScope.HandlingAgency)),
        Rule(DossierAction.RecordResult, [InProcessing], new Permission(Party.AgencyOfficer, ActorScope.HandlingAgency)),
        // The post's delivery returns a result through PostalService only (a report on the shipment it carries).
        Rule(DossierAction.ReturnResult, [ResultReady], Desk()),
        Rule(DossierAction.HandToPost, [ResultReady], Desk()),
        Rule(DossierAction.IssueApology, [Received, InProcessing, AwaitingSupplement, AwaitingPayment],
            new Permission(Party.AgencyOfficer, ActorScope.HandlingAgency),
            new Permission(Party.AgencyLeader, ActorScope.HandlingAgency),
            Desk()),
        // Not a change of state: the applicant rates once the result was returned, through the portal or at the desk's kiosk.
        Rule(DossierAction.Rate, [ResultReturned], new Permission(Party.Portal, ActorScope.SubmitterOrApplicant), Desk()),
        // Not a change of state: a new PIN for an applicant who lost theirs, by the portal that submitted the dossier
        // (which knows who its user is) or at the receiving desk (which checks an ID in person). Any state: a citizen
        // may want to look up a finished dossier.
        Rule(DossierAction.LookupPinIssued, Every, new Permission(Party.Portal, ActorScope.SubmitterOrApplicant), Desk()),
        // Not a change of state: a paper uploaded. The applicant's papers while the dossier is with the applicant or the
        // desk (before intake, or answering a supplement request), through the portal that submitted it or at the desk;
        // the result document by the competent agency (the decider checks which paper each may attach).
        Rule(DossierAction.AttachDocument, [Submitted, Received, InProcessing, AwaitingSupplement, ResultReady],
            new Permission(Party.Portal, ActorScope.SubmittingPortal, new HashSet<DossierState> { Submitted, AwaitingSupplement }),
            new Permission(Party.DeskOfficer, ActorScope.ReceivingDesk, new HashSet<DossierState> { Submitted, Received, AwaitingSupplement }),
            new Permission(Party.AgencyOfficer, ActorScope.HandlingAgency, new HashSet<DossierState> { InProcessing, ResultReady })),
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
