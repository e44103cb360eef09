namespace DossierTracking.Domain.ReferenceData;

/// <summary>What a publication does, given the newest version (<see cref="ReferenceDataRules.Decide"/>).</summary>
public enum PublishDecision
{
    /// <summary>Store the content as the next version.</summary>
    Publish,

    /// <summary>The content is the newest version already: write nothing and answer that version.</summary>
    Replay,

    /// <summary>Someone published since the publisher read: refuse (ABORTED), nothing written.</summary>
    Conflict,
}
