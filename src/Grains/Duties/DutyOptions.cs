using DossierTracking.Domain.Duties;

namespace DossierTracking.Grains.Duties;

/// <summary>The scheduled duties (section <c>Duties</c>): whether this silo sweeps, how often, and how long each duty waits.</summary>
public sealed class DutyOptions
{
    public const string Section = "Duties";

    /// <summary>Whether this silo wakes the duty sweep. Off on every silo, no duty is done (they are all done at the next sweep after).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often this silo wakes the sweep; a duty is done at most this long (plus the read model's second) after it falls due.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>A dossier whose due date is at most this many working days away warns its agency (DueSoon).</summary>
    public int DueSoonWorkingDays { get; set; } = DutySchedule.DefaultDueSoonWorkingDays;

    /// <summary>A result waiting at the desk this many working days is a reminder for the desk (ResultUncollected).</summary>
    public int UncollectedResultWorkingDays { get; set; } = DutySchedule.DefaultUncollectedResultWorkingDays;

    /// <summary>An open shipment the post has reported nothing on for this many days is flagged for the desk (ShipmentSilent).</summary>
    public int SilentShipmentDays { get; set; } = DutySchedule.DefaultSilentShipmentDays;

    /// <summary>The waits as the domain reads them.</summary>
    public DutySchedule Schedule() => new()
    {
        DueSoonWorkingDays = DueSoonWorkingDays,
        UncollectedResultWorkingDays = UncollectedResultWorkingDays,
        SilentShipmentDays = SilentShipmentDays,
    };
}
