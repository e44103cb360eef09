namespace DossierTracking.Contracts.ReferenceData;

/// <summary>A published version with its content: the JSON text exactly as it was published.</summary>
public sealed record ReferenceDataDocument(ReferenceDataVersion Version, string Content);
