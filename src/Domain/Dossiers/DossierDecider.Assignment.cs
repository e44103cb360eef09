using DossierTracking.Contracts.Dossiers;

namespace DossierTracking.Domain.Dossiers;

/// <summary>Who works on a dossier at the agency holding it. The assignment ends when the dossier leaves that agency.</summary>
public sealed partial class DossierDecider
{
    /// <summary>The longest officer id an assignment names (a token's subject).</summary>
    public const int MaxAssigneeIdLength = 128;

    public Decision Assign(DossierRecord? dossier, ActionContext context, string assigneeId, string assigneeName, DateTimeOffset now)
    {
        if (Check(DossierAction.Assign, dossier, context) is { } failure)
        {
            return failure;
        }

        if (string.IsNullOrWhiteSpace(assigneeId) || assigneeId.Length > MaxAssigneeIdLength || assigneeId.Any(char.IsControl))
        {
            return Failures.Invalid("assignee_id", "ASSIGNEE_REQUIRED", $"assignee_id names the officer (their login id): 1 to {MaxAssigneeIdLength} printable characters.");
        }

        if (assigneeName.Length > DossierLimits.MaxNameLength)
        {
            return Failures.TooLong("assignee_name", DossierLimits.MaxNameLength);
        }

        var d = dossier!;
        if (d.AssigneeId == assigneeId)
        {
            return Failures.Precondition(d.State, "ALREADY_ASSIGNED", $"The dossier is assigned to {assigneeId} already.");
        }

        if (Count(d, DossierAction.Assign) >= DossierLimits.MaxAssignments)
        {
            return Failures.LimitReached("ASSIGNMENT_LIMIT_REACHED", $"The dossier has been assigned {DossierLimits.MaxAssignments} times, the most a dossier may be.");
        }

        if (HistoryFull(d) is { } full)
        {
            return full;
        }

        // The control slip names who assigned (the actor) and to whom (the note, before the caller's own words).
        var to = assigneeName.Length > 0 ? $"{assigneeId} ({assigneeName})" : assigneeId;
        var note = context.Note.Length > 0 ? $"{to}: {context.Note}" : to;
        if (note.Length > DossierLimits.MaxNoteLength)
        {
            note = note[..(DossierLimits.MaxNoteLength - 1)] + "…";
        }

        return Append(d with { AssigneeId = assigneeId, AssigneeName = assigneeName }, DossierAction.Assign, context with { Note = note }, now, stepDueAt: d.DueAt);
    }
}
