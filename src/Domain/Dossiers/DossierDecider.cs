using DossierTracking.Contracts.Catalog;
using DossierTracking.Contracts.Dossiers;
using DossierTracking.Domain.Calendar;
using DossierTracking.Domain.Catalog;
using static DossierTracking.Contracts.Dossiers.DossierState;

namespace DossierTracking.Domain.Dossiers;

/// <summary>
/// The dossier lifecycle as pure functions: given the current record, a command and the time, decide the next
/// record or refuse. No I/O, no Orleans, no gRPC: grains persist what this returns.
/// </summary>
public sealed partial class DossierDecider(WorkingCalendar calendar, IProvinces provinces)
{
    /// <summary>Rules over one province's catalogue alone (tests, tools).</summary>
    public DossierDecider(WorkingCalendar calendar, ReferenceCatalog catalog)
        : this(calendar, new ProvinceCatalogs(catalog))
    {
    }

    /// <summary>Largest amount of one fee line, whole đồng (keeps totals far from overflow).</summary>
    public const long MaxFeeAmount = 1_000_000_000_000;

    public WorkingCalendar Calendar => calendar;

    /// <summary>The procedure of a dossier as its province's catalogue in force has it.</summary>
    private ProcedureInfo? ProcedureOf(DossierRecord dossier) => provinces.FindProcedure(dossier.ReceivingDeskCode, dossier.ProcedureCode);

    /// <summary>
    /// A unit a dossier of <paramref name="deskCode"/>'s province may reach: one of that province's. Another province's
    /// unit is unknown to it, so nothing is forwarded, transferred or imported across provinces.
    /// </summary>
    private AgencyInfo? UnitIn(string deskCode, string unitCode) =>
        ProvinceCodes.Same(deskCode, unitCode) ? provinces.FindAgency(unitCode) : null;

    /// <summary>The due date for a limit, with the clock starting at <paramref name="start"/>.</summary>
    public DateTimeOffset DueFrom(TimeLimit limit, DateTimeOffset start) => limit.Unit switch
    {
        LimitUnit.CalendarDays => calendar.AddCalendarDays(start, limit.Value),
        _ => calendar.AddWorkingDays(start, limit.Value),
    };

    /// <summary>
    /// A retry of a change this dossier already made: the same caller's key found in its history. Null when the key is
    /// new (or none was given); else the replay (the dossier as it stands, nothing changed) or, for the same key with a
    /// different request, the refusal.
    /// </summary>
    public static Decision? Replay(DossierRecord? dossier, ActionContext context)
    {
        if (dossier is null || context.RequestKey.Length == 0)
        {
            return null;
        }

        foreach (var entry in dossier.History)
        {
            if (entry.RequestKey == context.RequestKey)
            {
                return entry.RequestFingerprint == context.RequestFingerprint
                    ? new Decision(dossier, null)
                    : Failures.RequestIdReused(context.RequestKey[(context.RequestKey.LastIndexOf('/') + 1)..]);
            }
        }

        return null;
    }

    /// <summary>
    /// Party, existence, ownership, version, state and size checks shared by every transition, in that order. A party
    /// that may act only on its own dossiers gets the same refusal for a dossier not its own as for a code that has no
    /// dossier, so that it cannot probe other callers' receipt codes.
    /// </summary>
    private static Failure? Check(DossierAction action, DossierRecord? dossier, ActionContext context)
    {
        var rule = TransitionTable.For(action);
        var verb = Verb(action);
        var party = context.Actor.Party;
        if (!rule.AllowsParty(party))
        {
            return Failures.PartyNotAllowed(party, verb);
        }

        var permissions = rule.Permissions.Where(p => p.Party == party).ToList();
        if (dossier is null)
        {
            return permissions.All(p => p.Scope != ActorScope.Any)
                ? Failures.NotYours(party, verb)
                : Failures.UnknownDossier();
        }

        if (!permissions.Any(p => InScope(p.Scope, context, dossier)))
        {
            return Failures.NotYours(party, verb);
        }

        if (context.ExpectedVersion is { } expected && expected != dossier.Version)
        {
            return Failures.VersionMismatch(expected, dossier.Version);
        }

        if (!rule.From.Contains(dossier.State))
        {
            return Failures.IllegalTransition(dossier.State, verb, rule.From.Order());
        }

        if (!permissions.Any(p => (p.OnlyFrom is null || p.OnlyFrom.Contains(dossier.State)) && InScope(p.Scope, context, dossier)))
        {
            var states = permissions.SelectMany(p => p.OnlyFrom ?? rule.From).Distinct().Order();
            return Failures.Precondition(dossier.State, "ILLEGAL_TRANSITION",
                $"A {party} cannot {verb} a dossier in state {dossier.State} ({(int)dossier.State}); allowed from {string.Join(", ", states.Select(s => $"{s} ({(int)s})"))}.");
        }

        if (context.Note.Length > DossierLimits.MaxNoteLength)
        {
            return Failures.TooLong("note", DossierLimits.MaxNoteLength);
        }

        return HistoryFull(dossier);
    }

    private static bool InScope(ActorScope scope, ActionContext context, DossierRecord dossier) =>
        Ownership.InScope(scope, context.Actor, context.ApplicantProven, dossier);

    /// <summary>The backstop over every per-kind limit: a dossier's history never grows past <see cref="DossierLimits.MaxHistoryEntries"/>.</summary>
    private static Failure? HistoryFull(DossierRecord dossier) =>
        dossier.History.Count >= DossierLimits.MaxHistoryEntries
            ? Failures.LimitReached("HISTORY_FULL", $"The dossier's history holds {DossierLimits.MaxHistoryEntries} entries, the most a dossier may have.")
            : null;

    private static int Count(DossierRecord dossier, DossierAction action) => dossier.History.Count(h => h.Action == action);

    /// <summary>Ends the current pause, moving the due date by the rule given.</summary>
    private DossierRecord Resume(DossierRecord d, SupplementPolicy policy, DateTimeOffset now)
    {
        if (d.PausedAt is not { } pausedAt || d.DueAt is not { } dueAt)
        {
            return d with { PausedAt = null };
        }

        if (policy == SupplementPolicy.Restart)
        {
            return ClosePause(d, now, TimeSpan.Zero, DueFrom(d.Limit, now));
        }

        var waited = calendar.WorkingTimeBetween(pausedAt, now);
        return ClosePause(d, now, waited, calendar.AddWorkingTime(dueAt, waited));
    }

    private static DossierRecord ClosePause(DossierRecord d, DateTimeOffset now, TimeSpan added, DateTimeOffset? dueAfter)
    {
        if (d.PausedAt is null || d.Pauses.Count == 0 || d.Pauses[^1].EndedAt is not null)
        {
            return d with { PausedAt = null };
        }

        var closed = d.Pauses[^1] with { EndedAt = now, WorkingTimeAdded = added, DueAtAfter = dueAfter };
        return d with { PausedAt = null, DueAt = dueAfter, Pauses = d.Pauses.SetItem(d.Pauses.Count - 1, closed) };
    }

    private static DossierRecord Append(DossierRecord next, DossierAction action, ActionContext context, DateTimeOffset now,
        string? detail = null, DateTimeOffset? stepDueAt = null)
    {
        var version = next.Version + 1;
        var note = string.IsNullOrEmpty(context.Note) ? detail ?? "" : context.Note;
        var previous = next.History.Count > 0 ? next.History[^1].ToState : None;
        var entry = new HistoryEntry
        {
            Version = version,
            At = now,
            Action = action,
            Actor = context.Actor,
            FromState = previous,
            ToState = next.State,
            AgencyCode = next.CurrentAgencyCode,
            Note = note,
            StepDueAt = stepDueAt,
            RequestKey = context.RequestKey.Length > 0 ? context.RequestKey : null,
            RequestFingerprint = context.RequestKey.Length > 0 ? context.RequestFingerprint : null,
        };
        return next with { Version = version, History = next.History.Add(entry) };
    }

    private static string Verb(DossierAction action) => action switch
    {
        DossierAction.Accept => "accept",
        DossierAction.RefuseIntake => "refuse at intake",
        DossierAction.RequestSupplement => "request a supplement for",
        DossierAction.ReceiveSupplement => "accept the supplement of",
        DossierAction.ExpireSupplement => "close for an expired supplement",
        DossierAction.Forward => "forward",
        DossierAction.RecordStep => "record a step of",
        DossierAction.Transfer => "transfer",
        DossierAction.ReturnFromTransfer => "return from transfer",
        DossierAction.RequestPayment => "request payment for",
        DossierAction.ConfirmPayment => "confirm payment of",
        DossierAction.Stop => "stop",
        DossierAction.Withdraw => "withdraw",
        DossierAction.RecordResult => "record the result of",
        DossierAction.ReturnResult => "return the result of",
        DossierAction.IssueApology => "issue an apology for",
        DossierAction.Rate => "rate",
        DossierAction.HandToPost => "hand to the post the result of",
        DossierAction.ReturnedToSender => "take back from the post the result of",
        DossierAction.LookupPinIssued => "issue a new lookup PIN for",
        DossierAction.AttachDocument => "attach a document to",
        DossierAction.Assign => "assign",
        DossierAction.DueSoon => "warn of the near due date of",
        DossierAction.Overdue => "warn of the passed due date of",
        DossierAction.ResultUncollected => "remind of the uncollected result of",
        DossierAction.ShipmentSilent => "flag the silent shipment of",
        DossierAction.Unspecified => "run the scheduled duties of",
        _ => action.ToString(),
    };
}
