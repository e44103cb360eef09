namespace DossierTracking.LoadTests.Measurement;

/// <summary>One unit of a phase's work (a call, or a dossier's whole lifecycle), by its index in the phase.</summary>
public delegate Task WorkItem(long index, Worker worker);
