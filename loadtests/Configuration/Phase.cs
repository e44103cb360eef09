namespace DossierTracking.LoadTests.Configuration;

/// <summary>
/// The measurable parts of a run, in the order they run (memory runs right after submit). A ceiling and its targets
/// are one part, measured in alternating slices: <see cref="Lookups"/> is the echo ceiling with the uniform and
/// skewed lookups, <see cref="Writes"/> the raw upsert ceiling with the accept transition. <see cref="HotAgency"/>
/// submits its own dossiers, all to one department, and needs none of the submit phase's.
/// </summary>
public enum Phase
{
    Submit,
    Memory,
    Lookups,
    Writes,
    Lifecycle,
    HotAgency,
    Cold,
}
