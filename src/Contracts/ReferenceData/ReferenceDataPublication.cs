using DossierTracking.Contracts.Dossiers;

namespace DossierTracking.Contracts.ReferenceData;

/// <summary>
/// The answer to a publication: the version now in force, or the refusal (nothing changed). <see cref="Replayed"/>
/// says the content was already the newest version, so nothing was written (a retry of a publication that was
/// applied, or the same file published twice).
/// </summary>
public sealed record ReferenceDataPublication(ReferenceDataVersion? Version, Failure? Failure, bool Replayed = false);
