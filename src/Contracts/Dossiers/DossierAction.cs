namespace DossierTracking.Contracts.Dossiers;

/// <summary>What a history entry records.</summary>
[GenerateSerializer, Alias("dvc.DossierAction")]
public enum DossierAction
{
    Unspecified = 0,
    Submit = 1,
    Receive = 2,
    Accept = 3,
    RefuseIntake = 4,
    RequestSupplement = 5,
    ReceiveSupplement = 6,
    ExpireSupplement = 7,
    Forward = 8,
    RecordStep = 9,
    Transfer = 10,
    ReturnFromTransfer = 11,
    RequestPayment = 12,
    ConfirmPayment = 13,
    Stop = 14,
    Withdraw = 15,
    RecordResult = 16,
    ReturnResult = 17,
    IssueApology = 18,
    /// <summary>The applicant rated the handling (after the result was returned; not a change of state).</summary>
    Rate = 19,
    /// <summary>A payment intermediary's transaction moved or was recorded on a payment request without changing the state (pending, failed, refunded).</summary>
    PaymentReported = 20,
    /// <summary>The desk handed the result to the post (state 9; 9 → 10 when the policy counts the handover as the return).</summary>
    HandToPost = 21,
    /// <summary>The postal service reported the shipment picked up, in transit or a failed delivery attempt (no change of state).</summary>
    PostalEvent = 22,
    /// <summary>The post brought the result back: the dossier is at the desk again (9, 10 → 9).</summary>
    ReturnedToSender = 23,
    /// <summary>A new lookup PIN was issued (the old one no longer opens the record); no change of state.</summary>
    LookupPinIssued = 24,
    /// <summary>A paper (or the result document) was uploaded and its reference attached; no change of state.</summary>
    AttachDocument = 25,
    /// <summary>The dossier was assigned (or reassigned) to an officer of the agency holding it; no change of state.</summary>
    Assign = 26,
    /// <summary>
    /// A scheduled duty warned the agency holding the dossier that its due date (the entry's step due date) is at most
    /// the configured working days away; no change of state. Once per due date.
    /// </summary>
    DueSoon = 27,
    /// <summary>A scheduled duty warned the agency holding the dossier that its due date (the entry's step due date) passed; no change of state. Once per due date.</summary>
    Overdue = 28,
    /// <summary>A scheduled duty reminded the desk that a ready result has waited the configured working days uncollected; no change of state.</summary>
    ResultUncollected = 29,
    /// <summary>A scheduled duty flagged for the desk a shipment the post has reported nothing on for the configured days; no change of state. Once per shipment.</summary>
    ShipmentSilent = 30,
}
