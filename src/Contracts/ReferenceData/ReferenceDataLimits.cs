namespace DossierTracking.Contracts.ReferenceData;

/// <summary>Sizes of published reference data, shared by the API (message size) and the rules (content check).</summary>
public static class ReferenceDataLimits
{
    /// <summary>The largest content, in UTF-8 bytes (the shipped catalogue is about 0.2 MiB, the calendar 40 KiB).</summary>
    public const int MaxContentBytes = 4 * 1024 * 1024;
}
