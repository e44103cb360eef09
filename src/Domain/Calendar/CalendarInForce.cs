namespace DossierTracking.Domain.Calendar;

/// <summary>
/// The holiday calendar in force on this silo: an immutable <see cref="CalendarDays"/> behind a volatile reference.
/// Readers take the reference once per computation (no lock on the deadline path); a newly published version is
/// swapped in whole, so a computation sees either the old calendar or the new one, never a mix.
/// </summary>
public sealed class CalendarInForce(CalendarDays initial)
{
    private CalendarDays _current = initial ?? throw new ArgumentNullException(nameof(initial));

    public CalendarDays Current => Volatile.Read(ref _current);

    /// <summary>Puts <paramref name="next"/> in force for every computation that starts after this call.</summary>
    public void Replace(CalendarDays next)
    {
        ArgumentNullException.ThrowIfNull(next);
        Volatile.Write(ref _current, next);
    }
}
