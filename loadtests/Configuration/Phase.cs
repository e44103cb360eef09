namespace DossierTracking.LoadTests.Configuration;

/// <summary>The measurable parts of a run, in the order they run (memory runs right after submit).</summary>
public enum Phase
{
    Submit,
    Memory,
    Ceiling,
    Lookup,
    Upsert,
    Transition,
    Lifecycle,
    Cold,
}
