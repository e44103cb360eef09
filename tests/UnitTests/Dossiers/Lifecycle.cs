using DossierTracking.Contracts.Documents;
using DossierTracking.Contracts.Dossiers;
using DossierTracking.Domain.Documents;
using DossierTracking.Domain.Dossiers;
using static DossierTracking.UnitTests.TestData;

namespace DossierTracking.UnitTests.Dossiers;

/// <summary>Drives real transitions to put a dossier in any state, and invokes any action with valid arguments.</summary>
internal static class Lifecycle
{
    public static readonly DateTimeOffset Start = Local(2020, 10, 19, 8, 0);

    public const string Code = "H49.50-201019-0001";

    public static DossierRecord InState(DossierState state, string procedure = BuildingPermit)
    {
        var now = Start;
        var submitted = Decider.Create(Online(procedure), Code, now, TestData.PinHash).Ok();
        DossierRecord Received() => Decider.Accept(submitted, As(DeskOfficer()), now.AddHours(1)).Ok();
        DossierRecord Processing() => Decider.Forward(Received(), As(DeskOfficer()), now.AddHours(2)).Ok();
        return state switch
        {
            DossierState.Submitted => submitted,
            DossierState.Received => Received(),
            DossierState.RejectedAtIntake => Decider.RefuseIntake(submitted, As(DeskOfficer()), "Sai thủ tục", now.AddHours(1)).Ok(),
            DossierState.InProcessing => Processing(),
            DossierState.AwaitingSupplement => Decider.RequestSupplement(Processing(), As(AgencyOfficer(Processing().HandlingAgencyCode)),
                Supplement(now.AddDays(10)), now.AddHours(3)).Ok(),
            DossierState.AwaitingPayment => Decider.RequestPayment(Processing(), As(AgencyOfficer(Processing().HandlingAgencyCode)), [Fee], now.AddHours(3)).Ok(),
            DossierState.Withdrawn => Decider.Withdraw(submitted, As(Portal), "Không còn nhu cầu", now.AddHours(1)).Ok(),
            DossierState.Stopped => Decider.Stop(Processing(), As(AgencyLeader(Processing().HandlingAgencyCode)), "Vi phạm quy định", now.AddHours(3)).Ok(),
            DossierState.ResultReady => Decider.RecordResult(Processing(), As(AgencyOfficer(Processing().HandlingAgencyCode)), ResultKind.Approved, "GP-123", now.AddHours(3)).Ok(),
            DossierState.ResultReturned => Decider.ReturnResult(
                Decider.RecordResult(Processing(), As(AgencyOfficer(Processing().HandlingAgencyCode)), ResultKind.Approved, "GP-123", now.AddHours(3)).Ok(),
                As(DeskOfficer()), ReturnMethod.InPerson, now.AddHours(4)).Ok(),
            _ => throw new ArgumentOutOfRangeException(nameof(state)),
        };
    }

    public static readonly DocumentLimits DocumentLimitsForTests = new(MaxFileBytes: 1_000_000, MaxDossierBytes: 3_000_000);

    /// <summary>A stored PDF of <paramref name="size"/> bytes for <paramref name="component"/>.</summary>
    public static DocumentUpload Upload(string component, long size = 1000, string sha256 = "") => new()
    {
        ComponentCode = component,
        FileName = "don.pdf",
        Head = "%PDF-1.7\n"u8.ToArray(),
        SizeBytes = size,
        Sha256 = sha256.Length > 0 ? sha256 : new string('a', 64),
    };

    public static readonly FeeLine Fee = new() { Name = "Lệ phí", Amount = 75_000 };

    public static SupplementRequest Supplement(DateTimeOffset deadline) => new()
    {
        MissingItems = ["Bản vẽ thiết kế", "Giấy chứng nhận quyền sử dụng đất"],
        Reason = "Thiếu giấy tờ",
        Deadline = deadline,
    };

    /// <summary>An actor of <paramref name="permission"/>'s party acting for the unit the permission requires.</summary>
    public static Actor ActorFor(Permission permission, DossierRecord dossier)
    {
        var agency = permission.Scope switch
        {
            ActorScope.ReceivingDesk => dossier.ReceivingDeskCode,
            ActorScope.CurrentAgency => dossier.CurrentAgencyCode,
            ActorScope.HandlingAgency => dossier.HandlingAgencyCode,
            ActorScope.HoldingUnit => dossier.CurrentAgencyCode,
            _ => "",
        };
        // A portal acts on the dossiers it submitted.
        var person = permission.Scope is ActorScope.SubmitterOrApplicant or ActorScope.SubmittingPortal ? dossier.SubmittingPortal : "p-1";
        return new Actor { Party = permission.Party, PersonId = person, AgencyCode = agency };
    }

    /// <summary>Invokes <paramref name="action"/> with arguments that are valid in themselves.</summary>
    public static Decision Invoke(DossierAction action, DossierRecord? dossier, ActionContext context, DateTimeOffset now) => action switch
    {
        DossierAction.Accept => Decider.Accept(dossier, context, now),
        DossierAction.RefuseIntake => Decider.RefuseIntake(dossier, context, "Hồ sơ không hợp lệ", now),
        DossierAction.RequestSupplement => Decider.RequestSupplement(dossier, context, Supplement(now.AddDays(10)), now),
        DossierAction.ReceiveSupplement => Decider.ReceiveSupplement(dossier, context, now),
        DossierAction.ExpireSupplement => Decider.ExpireSupplement(dossier, context, now),
        DossierAction.Forward => Decider.Forward(dossier, context, now),
        DossierAction.RecordStep => Decider.RecordStep(dossier, context, "Thẩm định", now),
        DossierAction.Assign => Decider.Assign(dossier, context, "cv-09", "Phạm Thị Dung", now),
        DossierAction.Transfer => Decider.Transfer(dossier, context, EnvironmentDept, 5, now),
        DossierAction.ReturnFromTransfer => Decider.ReturnFromTransfer(dossier, context, now),
        DossierAction.RequestPayment => Decider.RequestPayment(dossier, context, [Fee], now),
        DossierAction.ConfirmPayment => Decider.ConfirmPayment(dossier, context, "TXN-1", now),
        DossierAction.Stop => Decider.Stop(dossier, context, "Vi phạm", now),
        DossierAction.Withdraw => Decider.Withdraw(dossier, context, "Rút hồ sơ", now),
        DossierAction.RecordResult => Decider.RecordResult(dossier, context, ResultKind.Approved, "QĐ-1", now),
        DossierAction.ReturnResult => Decider.ReturnResult(dossier, context, context.Actor.Party == Party.PostalService ? ReturnMethod.Post : ReturnMethod.InPerson, now),
        DossierAction.IssueApology => Decider.IssueApology(dossier, context, (dossier?.DueAt ?? now).AddDays(5), "Cần thêm thời gian thẩm định", now),
        DossierAction.Rate => Decider.Rate(dossier, context, Satisfaction.Satisfied, "", now),
        DossierAction.LookupPinIssued => Decider.IssueLookupPin(dossier, context, LookupPin.Hash("13572468"), now),
        DossierAction.AttachDocument => Decider.AttachDocument(dossier, context, Upload(context.Actor.Party == Party.AgencyOfficer ? DocumentLimits.ResultComponentCode : Paper),
            DocumentLimitsForTests, now),
        _ => throw new ArgumentOutOfRangeException(nameof(action)),
    };
}
