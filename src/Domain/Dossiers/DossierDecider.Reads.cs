using DossierTracking.Contracts.Dossiers;

namespace DossierTracking.Domain.Dossiers;

/// <summary>What a read may show: how much, and on what basis; or the refusal.</summary>
public readonly record struct ReadDecision(Failure? Failure, Disclosure Disclosure, string Basis)
{
    public static implicit operator ReadDecision(Failure failure) => new(failure, Disclosure.Public, "");
}

public sealed partial class DossierDecider
{
    /// <summary>
    /// Who may read what (<see cref="AccessTable"/>). A lookup of the record is never refused for lack of rights: it
    /// falls back to the public view. Every other purpose is refused to a reader outside its rule, with the same
    /// answer whether the dossier (or its payment request or shipment) exists or not, unless the reader may read
    /// every dossier, who is told that it does not exist.
    /// </summary>
    /// <param name="applicantProven">The grain checked the reader's second factor and found it right.</param>
    public static ReadDecision Read(DossierRecord? dossier, DossierReadPurpose purpose, Actor reader, int objectNumber, bool applicantProven)
    {
        var permissions = AccessTable.ForRead(purpose).Where(p => p.Party == reader.Party).ToList();
        if (dossier is null)
        {
            return purpose == DossierReadPurpose.Record || permissions.Any(p => SeesEvery(p.Scope))
                ? Failures.UnknownDossier()
                : Failures.NotYours(reader.Party, "read");
        }

        foreach (var permission in permissions)
        {
            if (Ownership.InScope(permission.Scope, reader, applicantProven, dossier, objectNumber))
            {
                return new ReadDecision(null, permission.Shows, BasisOf(permission.Scope, reader, dossier, applicantProven));
            }
        }

        return purpose == DossierReadPurpose.Record
            ? new ReadDecision(null, Disclosure.Public, "")
            : permissions.Any(p => p.Scope == ActorScope.Province)
                // Another province's dossier answers as an unknown one: a supervisor learns nothing of it.
                ? Failures.UnknownDossier()
                : Failures.NotYours(reader.Party, "read");
    }

    /// <summary>A reader of every dossier (of its province) is told an unknown one does not exist.</summary>
    private static bool SeesEvery(ActorScope scope) => scope is ActorScope.Any or ActorScope.Province;

    /// <summary>Whether the applicant's second factor could widen what this reader may read for this purpose.</summary>
    public static bool ProofCanHelp(DossierReadPurpose purpose, Party reader) =>
        AccessTable.ForRead(purpose).Any(p => p.Party == reader && p.Scope is ActorScope.Applicant or ActorScope.SubmitterOrApplicant);

    private static string BasisOf(ActorScope scope, Actor reader, DossierRecord dossier, bool applicantProven) => scope switch
    {
        ActorScope.HoldingUnit => "holding-unit",
        ActorScope.SubmitterOrApplicant when !applicantProven || reader.PersonId == dossier.SubmittingPortal => "submitting-portal",
        ActorScope.SubmitterOrApplicant or ActorScope.Applicant => "applicant-proof",
        ActorScope.BoundIntermediary => "bound-intermediary",
        ActorScope.Carrier => "carrier",
        ActorScope.Province => "province",
        _ => "any",
    };
}
