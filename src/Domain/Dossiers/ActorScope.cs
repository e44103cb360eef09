namespace DossierTracking.Domain.Dossiers;

/// <summary>Which objects a party may act on: the ownership half of a <see cref="Permission"/>.</summary>
public enum ActorScope
{
    /// <summary>Every dossier (the system, supervisors' reads).</summary>
    Any,
    /// <summary>Every dossier of the actor's province (a supervisor, whose unit is the province itself).</summary>
    Province,
    /// <summary>An officer of the dossier's receiving desk.</summary>
    ReceivingDesk,
    /// <summary>An officer of the agency that holds the dossier now (competent or coordinating).</summary>
    CurrentAgency,
    /// <summary>An officer of the competent agency.</summary>
    HandlingAgency,
    /// <summary>An officer of any unit that holds the dossier: its receiving desk, competent agency or current agency.</summary>
    HoldingUnit,
    /// <summary>The portal that submitted the dossier, or a portal acting for an applicant who gave the second factor.</summary>
    SubmitterOrApplicant,
    /// <summary>The portal that submitted the dossier (no second factor widens it).</summary>
    SubmittingPortal,
    /// <summary>Whoever gives the applicant's second factor (the lookup PIN, or a citizen's ID number).</summary>
    Applicant,
    /// <summary>The intermediary a payment request is bound to (any intermediary while it is bound to none).</summary>
    BoundIntermediary,
    /// <summary>The carrier of a shipment (any carrier for a shipment handed over before carriers were named).</summary>
    Carrier,
}
