using System.Diagnostics.Metrics;
using DossierTracking.Contracts;
using DossierTracking.Contracts.ReferenceData;
using DossierTracking.Domain.Calendar;
using DossierTracking.Grains;

namespace DossierTracking.Silo.ReferenceData;

/// <summary>
/// Warns while the holiday calendar in force lacks a year that deadlines will soon need. The Government announces a
/// year's days off and swaps late in the year before; without them the service silently counts only weekends as
/// days off. So from 1 October (Viet Nam time, by the domain clock) a missing next year is reported, and a missing
/// current year at any time: a warning in the log once a day while it lasts, and the gauge
/// <c>dvc.calendar.next_year_missing</c> (1 while a year is missing, tagged with that year; 0 otherwise). Checked at
/// start-up and with every reference-data poll.
/// </summary>
public sealed partial class CalendarCoverage
{
    public const string GaugeName = "dvc.calendar.next_year_missing";

    private readonly ReferenceDataInForce _inForce;
    private readonly TimeProvider _clock;
    private readonly ILogger<CalendarCoverage> _logger;
    private readonly Lock _gate = new();
    private State _state = new(DateOnly.MinValue, null);

    public CalendarCoverage(ReferenceDataInForce inForce, [FromKeyedServices(DomainClock.Key)] TimeProvider clock, IMeterFactory meters,
        ILogger<CalendarCoverage> logger)
    {
        _inForce = inForce;
        _clock = clock;
        _logger = logger;
        meters.Create(DomainMeter.Name).CreateObservableGauge(GaugeName, Observe, "{year}",
            "1 while the holiday calendar in force lacks the current year, or from 1 October the next one (publish it: reference publish --kind calendar); 0 otherwise.");
    }

    /// <summary>The year found missing at the last check, or null when none is.</summary>
    public int? MissingYear => Volatile.Read(ref _state).Missing;

    /// <summary>Checks now; logs at most once a local day while a year is missing.</summary>
    public void Check()
    {
        var today = WorkingCalendar.LocalDate(_clock.GetUtcNow());
        var missing = HolidayCalendarRules.MissingYear(_inForce.Calendar, today);
        bool log;
        lock (_gate)
        {
            log = missing is not null && (_state.Missing != missing || _state.LoggedOn != today);
            _state = new State(log ? today : _state.LoggedOn, missing);
        }

        if (log)
        {
            LogYearMissing(missing!.Value, _inForce.Version(ReferenceDataKind.Calendar, ""), today);
        }
    }

    private Measurement<int> Observe()
    {
        var state = Volatile.Read(ref _state);
        return state.Missing is { } year ? new Measurement<int>(1, new KeyValuePair<string, object?>("year", year)) : new Measurement<int>(0);
    }

    /// <summary>The last check: the local day a warning was last logged, and the year missing.</summary>
    private sealed record State(DateOnly LoggedOn, int? Missing);

    [LoggerMessage(EventId = 9602, Level = LogLevel.Warning,
        Message = "The holiday calendar in force (version {Version}) has no days off for {Year} (checked {Today:yyyy-MM-dd}): deadlines in {Year} count only weekends as days off. Publish the Government's notice for {Year}: reference publish --kind calendar --file <file>")]
    private partial void LogYearMissing(int year, long version, DateOnly today);
}
