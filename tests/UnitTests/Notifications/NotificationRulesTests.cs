using System.Collections.Immutable;
using DossierTracking.Contracts.Dossiers;
using DossierTracking.Contracts.Notifications;
using DossierTracking.Contracts.Payments;
using DossierTracking.Domain.Notifications;

namespace DossierTracking.UnitTests.Notifications;

/// <summary>Which changes the applicant is told of, where the message goes, and the values of each kind.</summary>
public sealed class NotificationRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(7));

    private static HistoryEntry Entry(DossierAction action, DateTimeOffset? stepDueAt = null, string note = "") => new()
    {
        Version = 5,
        At = Now,
        Action = action,
        Actor = new Actor { Party = Party.AgencyOfficer, PersonId = "cv-07" },
        FromState = DossierState.InProcessing,
        ToState = DossierState.InProcessing,
        AgencyCode = "H49.08",
        StepDueAt = stepDueAt,
        Note = note,
    };

    private static DossierView Dossier(NotifyBy notifyBy = NotifyBy.Sms, string phone = "0912 345 678", string email = "an@example.vn") => new()
    {
        ReceiptCode = "H49.50-260302-0001",
        Version = 5,
        State = DossierState.InProcessing,
        ProcedureCode = "1.003205",
        Channel = Channel.Online,
        ReceivingDeskCode = "H49.50",
        HandlingAgencyCode = "H49.08",
        CurrentAgencyCode = "H49.08",
        Applicant = new Applicant { Kind = ApplicantKind.Citizen, FullName = "Nguyễn Văn An", IdNumber = "022090001234", Phone = phone, Email = email, NotifyBy = notifyBy },
        Timeliness = Timeliness.OnTime,
        EvaluatedAt = Now,
        Pauses = [],
        History = [],
    };

    [Theory]
    [InlineData(DossierAction.Submit, NotificationKind.Receipt)]
    [InlineData(DossierAction.Receive, NotificationKind.Receipt)]
    [InlineData(DossierAction.RequestSupplement, NotificationKind.SupplementRequested)]
    [InlineData(DossierAction.RequestPayment, NotificationKind.FeesDue)]
    [InlineData(DossierAction.RecordResult, NotificationKind.ResultReady)]
    [InlineData(DossierAction.IssueApology, NotificationKind.Apology)]
    [InlineData(DossierAction.ReturnResult, NotificationKind.ResultReturned)]
    public void Each_notifiable_step_has_its_kind(DossierAction action, NotificationKind kind) => Assert.Equal(kind, NotificationRules.KindOf(Entry(action)));

    [Theory]
    [InlineData(DossierAction.Accept)]
    [InlineData(DossierAction.Forward)]
    [InlineData(DossierAction.RecordStep)]
    [InlineData(DossierAction.ReceiveSupplement)]
    [InlineData(DossierAction.PaymentReported)]
    [InlineData(DossierAction.LookupPinIssued)]
    [InlineData(DossierAction.Rate)]
    public void Internal_steps_are_not_notified(DossierAction action) => Assert.Null(NotificationRules.KindOf(Entry(action)));

    [Fact]
    public void The_message_goes_where_the_applicant_chose_and_nowhere_without_a_choice_or_a_contact()
    {
        Assert.Equal((NotificationChannelKind.Sms, "0912 345 678"), NotificationRules.RecipientOf(Dossier().Applicant));
        Assert.Equal((NotificationChannelKind.Email, "an@example.vn"), NotificationRules.RecipientOf(Dossier(NotifyBy.Email).Applicant));
        Assert.Null(NotificationRules.RecipientOf(Dossier(NotifyBy.None).Applicant));
        Assert.Null(NotificationRules.RecipientOf(Dossier(NotifyBy.Unspecified).Applicant));
        Assert.Null(NotificationRules.RecipientOf(Dossier(NotifyBy.Sms, phone: "").Applicant));
    }

    [Fact]
    public void The_message_id_is_the_same_for_the_same_event_and_differs_by_version_and_kind()
    {
        var id = NotificationRules.MessageId("H49.50-260302-0001", 5, NotificationKind.FeesDue);
        Assert.Equal("H49.50-260302-0001-5-FeesDue", id);
        Assert.NotEqual(id, NotificationRules.MessageId("H49.50-260302-0001", 6, NotificationKind.FeesDue));
    }

    [Fact]
    public void A_supplement_request_names_the_missing_papers_and_the_deadline_in_vietnam_time()
    {
        var dossier = Dossier() with
        {
            Supplement = new SupplementRequest { MissingItems = ["Bản vẽ", "Sổ đỏ"], Reason = "Thiếu", Deadline = new DateTimeOffset(2026, 3, 12, 10, 0, 0, TimeSpan.Zero) },
        };
        var values = NotificationRules.ValuesOf(NotificationKind.SupplementRequested, Entry(DossierAction.RequestSupplement), dossier);
        Assert.Equal(("Bản vẽ; Sổ đỏ", "17:00 12/03/2026", "Thiếu"), (values["missing_papers"], values["deadline"], values["reason"]));
    }

    [Fact]
    public void Fees_due_give_the_amount_of_the_request_this_change_made_and_its_payment_id()
    {
        PaymentRequest Request(int number, long total, DateTimeOffset at) => new()
        {
            Number = number, Fees = [], Total = total, Status = PaymentStatus.Unpaid, RequestedAt = at, CollectingAgencyCode = "H49.08",
        };
        var dossier = Dossier() with { Payments = ImmutableList.Create(Request(1, 1_500_000, Now), Request(2, 20_000, Now.AddDays(3))) };
        var values = NotificationRules.ValuesOf(NotificationKind.FeesDue, Entry(DossierAction.RequestPayment), dossier);
        Assert.Equal(("1.500.000 đồng", "H49.50-260302-0001/1"), (values["amount"], values["payment_id"]));
    }

    [Fact]
    public void An_apology_gives_the_new_date_it_promised()
    {
        var values = NotificationRules.ValuesOf(NotificationKind.Apology, Entry(DossierAction.IssueApology, new DateTimeOffset(2026, 4, 23, 20, 0, 0, TimeSpan.Zero), "Chờ phối hợp"), Dossier());
        Assert.Equal(("24/04/2026", "Chờ phối hợp"), (values["new_date"], values["reason"]));
    }

    [Theory]
    [InlineData(0, "0 đồng")]
    [InlineData(999, "999 đồng")]
    [InlineData(1000, "1.000 đồng")]
    [InlineData(150_000, "150.000 đồng")]
    [InlineData(12_345_678, "12.345.678 đồng")]
    public void Amounts_are_grouped_by_dots(long amount, string text) => Assert.Equal(text, NotificationRules.Amount(amount));

    [Fact]
    public void Every_kind_has_placeholders_and_the_values_it_fills_are_among_them()
    {
        foreach (var kind in NotificationRules.Kinds)
        {
            var values = NotificationRules.ValuesOf(kind, Entry(DossierAction.Submit), Dossier());
            Assert.Subset(NotificationRules.PlaceholdersOf(kind).ToHashSet(), values.Keys.ToHashSet());
        }
    }

    [Theory]
    [InlineData("0912 345 678", "*******678")]
    [InlineData("an.nguyen@example.vn", "a***@example.vn")]
    [InlineData("12", "***")]
    public void Contacts_are_masked(string contact, string masked) => Assert.Equal(masked, ContactMask.Mask(contact));
}
