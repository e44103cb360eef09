namespace DossierTracking.LoadTests.Reporting;

/// <summary>The silo under test, as its probe described itself at the start.</summary>
public sealed record SiloInfo
{
    public required string Target { get; init; }
    public required string Storage { get; init; }
    public required int ActiveSilos { get; init; }
    public required int ProcessId { get; init; }

    /// <summary>"/proc" when the silo's /proc entry was readable here, else "GetStats".</summary>
    public required string CpuSource { get; init; }
    public required string CatalogVersion { get; init; }
}
