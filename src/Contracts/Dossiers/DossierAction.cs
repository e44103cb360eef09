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
}
