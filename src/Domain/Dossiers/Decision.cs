using DossierTracking.Contracts.Dossiers;

namespace DossierTracking.Domain.Dossiers;

/// <summary>The outcome of a decision: the next record to persist, or the refusal.</summary>
public readonly record struct Decision(DossierRecord? Next, Failure? Failure)
{
    public static implicit operator Decision(Failure failure) => new(null, failure);

    public static implicit operator Decision(DossierRecord next) => new(next, null);
}
