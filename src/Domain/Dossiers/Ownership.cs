using DossierTracking.Contracts.Catalog;
using DossierTracking.Contracts.Dossiers;

namespace DossierTracking.Domain.Dossiers;

/// <summary>Whether an actor is within an <see cref="ActorScope"/> for one dossier (and one of its payment requests or shipments).</summary>
public static class Ownership
{
    /// <param name="applicantProven">The dossier grain checked the applicant's second factor and found it right.</param>
    /// <param name="objectNumber">The payment request or shipment concerned, for those scopes.</param>
    public static bool InScope(ActorScope scope, Actor actor, bool applicantProven, DossierRecord dossier, int objectNumber = 0) => scope switch
    {
        ActorScope.Any => true,
        ActorScope.Province => actor.AgencyCode.Length > 0 && ProvinceCodes.IsIn(dossier.ReceivingDeskCode, actor.AgencyCode),
        ActorScope.ReceivingDesk => IsOfficer(actor) && actor.AgencyCode == dossier.ReceivingDeskCode,
        ActorScope.CurrentAgency => IsOfficer(actor) && actor.AgencyCode == dossier.CurrentAgencyCode,
        ActorScope.HandlingAgency => IsOfficer(actor) && actor.AgencyCode == dossier.HandlingAgencyCode,
        ActorScope.HoldingUnit => IsOfficer(actor) && HoldingUnits(dossier).Contains(actor.AgencyCode),
        ActorScope.SubmitterOrApplicant => applicantProven
            || (actor.Party == Party.Portal && actor.PersonId.Length > 0 && actor.PersonId == dossier.SubmittingPortal),
        ActorScope.SubmittingPortal => actor.Party == Party.Portal && actor.PersonId.Length > 0 && actor.PersonId == dossier.SubmittingPortal,
        ActorScope.Applicant => applicantProven,
        ActorScope.BoundIntermediary => dossier.Payments.Find(p => p.Number == objectNumber) is { } request
            && (request.Intermediary.Length == 0 || request.Intermediary == actor.PersonId),
        ActorScope.Carrier => dossier.Shipments.Find(s => s.Number == objectNumber) is { } shipment
            && (shipment.Carrier.Length == 0 || shipment.Carrier == actor.PersonId),
        _ => false,
    };

    /// <summary>The units whose officers see the dossier in full: its receiving desk, competent agency and current agency.</summary>
    public static string[] HoldingUnits(DossierRecord dossier) => [dossier.ReceivingDeskCode, dossier.HandlingAgencyCode, dossier.CurrentAgencyCode];

    private static bool IsOfficer(Actor actor) =>
        actor.Party is Party.DeskOfficer or Party.AgencyOfficer or Party.AgencyLeader && actor.AgencyCode.Length > 0;
}
