namespace DossierTracking.Silo.Configuration;

/// <summary>The province page for operators, supervisors and agency leaders. Section <c>ProvincePage</c>.</summary>
public sealed class ProvincePageOptions
{
    public const string Section = "ProvincePage";

    public static readonly TimeSpan DefaultRefreshInterval = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan MinRefreshInterval = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxRefreshInterval = TimeSpan.FromMinutes(1);

    /// <summary>Serves the page under <c>/province</c> on the HTTP port. It costs nothing while nobody looks at it.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// How often the page asks for figures, and how long the silo reuses the figures it gathered: however many browsers
    /// look, a silo asks the agencies at most once per interval.
    /// </summary>
    public TimeSpan RefreshInterval { get; set; } = DefaultRefreshInterval;
}
