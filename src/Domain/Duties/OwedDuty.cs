using DossierTracking.Contracts.Dossiers;

namespace DossierTracking.Domain.Duties;

/// <summary>A duty a dossier still owes, and the moment from which it is due (it may lie in the past).</summary>
/// <param name="Duty">The history action the duty writes.</param>
/// <param name="DueFrom">The duty is due once the time is at or after this moment.</param>
/// <param name="Until">For a due-soon warning: the due date itself; past it the overdue warning takes its place.</param>
public readonly record struct OwedDuty(DossierAction Duty, DateTimeOffset DueFrom, DateTimeOffset? Until = null)
{
    /// <summary>Whether the duty is to be done at <paramref name="now"/>.</summary>
    public bool IsDueAt(DateTimeOffset now) => now >= DueFrom && (Until is not { } until || now <= until);
}
