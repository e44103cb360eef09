namespace DossierTracking.Silo.Configuration;

/// <summary>How each silo follows the published reference data. Section <c>ReferenceData</c>.</summary>
public sealed class ReferenceDataOptions
{
    public const string Section = "ReferenceData";

    public static readonly TimeSpan MinPollInterval = TimeSpan.FromMilliseconds(100);
    public static readonly TimeSpan MaxPollInterval = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How often the silo asks the database for the newest version numbers, loading a version published on another
    /// silo when one appears; also how often it checks that next year's holidays are published. One indexed query of a
    /// few rows, so seconds are cheap.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);
}
