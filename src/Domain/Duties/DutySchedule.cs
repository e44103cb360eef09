namespace DossierTracking.Domain.Duties;

/// <summary>
/// How long the scheduled duties wait (the host's section <c>Duties</c>, checked at start-up). Plain values: the
/// rules in <see cref="DossierDuties"/> read them, and every silo must run with the same ones, or the read model's
/// due index (written by whichever silo last changed a dossier) says another time than the dossier decides.
/// </summary>
public sealed record DutySchedule
{
    public const int DefaultDueSoonWorkingDays = 1;
    public const int DefaultUncollectedResultWorkingDays = 5;
    public const int DefaultSilentShipmentDays = 7;

    /// <summary>A dossier whose due date is at most this many working days away is due soon (the apology flag uses one).</summary>
    public int DueSoonWorkingDays { get; init; } = DefaultDueSoonWorkingDays;

    /// <summary>A result ready at the desk this many working days and not collected is a reminder for the desk.</summary>
    public int UncollectedResultWorkingDays { get; init; } = DefaultUncollectedResultWorkingDays;

    /// <summary>An open shipment the post has reported nothing on for this many calendar days is flagged for the desk.</summary>
    public int SilentShipmentDays { get; init; } = DefaultSilentShipmentDays;

    public static DutySchedule Default { get; } = new();
}
