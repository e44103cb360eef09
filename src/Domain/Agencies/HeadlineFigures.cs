using DossierTracking.Contracts.Agencies;

namespace DossierTracking.Domain.Agencies;

/// <summary>
/// The few figures the province page shows for an agency or the province, taken from an agency's
/// <see cref="AgencyFigures"/> (what GetAgencyFigures answers) and added up for the province, never counted again from
/// the dossiers: so the page and the API agree by construction. The two rates are kept as their parts, so that a sum
/// of agencies gives the province's rate, not an average of rates.
/// </summary>
public sealed record HeadlineFigures
{
    public static readonly HeadlineFigures Zero = new();

    /// <summary>Dossiers that reached the one-stop system today (Viet Nam time), by any channel.</summary>
    public int ReceivedToday { get; init; }

    /// <summary>Received and not finished: deadline running or paused (within the deadline or past it).</summary>
    public int InProcessing { get; init; }

    /// <summary>Of those, the ones past their due date.</summary>
    public int Overdue { get; init; }

    /// <summary>Open dossiers from one working day before their due date on, with no apology issued yet.</summary>
    public int ApologyDue { get; init; }

    /// <summary>Finished this year early or on time.</summary>
    public int FinishedInTime { get; init; }

    /// <summary>Finished this year (early, on time or late).</summary>
    public int Finished { get; init; }

    /// <summary>Received this year, by any channel.</summary>
    public int ReceivedThisYear { get; init; }

    /// <summary>Received this year online.</summary>
    public int ReceivedOnlineThisYear { get; init; }

    /// <summary>Every dossier counted (open or closed, any year): zero for an agency that never had one.</summary>
    public int Total { get; init; }

    /// <summary>Share of this year's finished dossiers finished early or on time; null before the first is finished.</summary>
    public double? OnTimeRate => Finished == 0 ? null : (double)FinishedInTime / Finished;

    /// <summary>Share of this year's received dossiers that came online; null before the first is received.</summary>
    public double? OnlineRate => ReceivedThisYear == 0 ? null : (double)ReceivedOnlineThisYear / ReceivedThisYear;

    public static HeadlineFigures From(AgencyFigures f) => new()
    {
        ReceivedToday = f.ReceivedToday.Total,
        InProcessing = f.OpenWithinDeadline + f.OpenOverdue,
        Overdue = f.OpenOverdue,
        ApologyDue = f.ApologyDue,
        FinishedInTime = f.FinishedEarly + f.FinishedOnTime,
        Finished = f.FinishedEarly + f.FinishedOnTime + f.FinishedLate,
        ReceivedThisYear = f.ReceivedThisYear.Total,
        ReceivedOnlineThisYear = f.ReceivedThisYear.Online,
        Total = f.Total,
    };

    public HeadlineFigures Add(HeadlineFigures other) => new()
    {
        ReceivedToday = ReceivedToday + other.ReceivedToday,
        InProcessing = InProcessing + other.InProcessing,
        Overdue = Overdue + other.Overdue,
        ApologyDue = ApologyDue + other.ApologyDue,
        FinishedInTime = FinishedInTime + other.FinishedInTime,
        Finished = Finished + other.Finished,
        ReceivedThisYear = ReceivedThisYear + other.ReceivedThisYear,
        ReceivedOnlineThisYear = ReceivedOnlineThisYear + other.ReceivedOnlineThisYear,
        Total = Total + other.Total,
    };
}
