using System.Globalization;
using System.Text;
using DossierTracking.Contracts.Dossiers;
using DossierTracking.Contracts.Notifications;

namespace DossierTracking.Domain.Notifications;

/// <summary>
/// Which changes of a dossier the applicant is told of, where the message goes, and the values its template fills
/// in. Plain rules on the history entry and the dossier: the dispatcher only reads the feed and sends.
/// </summary>
public static class NotificationRules
{
    /// <summary>Dates in messages are Vietnam's civil time (UTC+7, no daylight saving).</summary>
    public static readonly TimeSpan VietnamOffset = TimeSpan.FromHours(7);

    /// <summary>The notification a change makes, or null: a change imported from another system is old news, never told.</summary>
    public static NotificationKind? KindOf(HistoryEntry entry, bool imported) => imported ? null : KindOf(entry);

    /// <summary>The notification a change makes, or null when the applicant is not told of it.</summary>
    public static NotificationKind? KindOf(HistoryEntry entry) => entry.Action switch
    {
        DossierAction.Submit or DossierAction.Receive => NotificationKind.Receipt,
        DossierAction.RequestSupplement => NotificationKind.SupplementRequested,
        DossierAction.RequestPayment => NotificationKind.FeesDue,
        DossierAction.RecordResult => NotificationKind.ResultReady,
        DossierAction.IssueApology => NotificationKind.Apology,
        DossierAction.ReturnResult => NotificationKind.ResultReturned,
        _ => null,
    };

    /// <summary>Where the applicant's messages go, or null when they chose none (or gave no address for their choice).</summary>
    public static (NotificationChannelKind Channel, string Recipient)? RecipientOf(Applicant applicant) => applicant.NotifyBy switch
    {
        NotifyBy.Sms when applicant.Phone.Length > 0 => (NotificationChannelKind.Sms, applicant.Phone),
        NotifyBy.Email when applicant.Email.Length > 0 => (NotificationChannelKind.Email, applicant.Email),
        _ => null,
    };

    /// <summary>The message id: the same for the same event whenever it is computed, so the gateway can drop a repeat.</summary>
    public static string MessageId(string receiptCode, long version, NotificationKind kind) =>
        string.Create(CultureInfo.InvariantCulture, $"{receiptCode}-{version}-{kind}");

    /// <summary>
    /// The values the template of <paramref name="kind"/> fills in, from the change and the dossier as read after it.
    /// Placeholders every kind has: receipt_code, procedure_code, applicant_name.
    /// </summary>
    public static IReadOnlyDictionary<string, string> ValuesOf(NotificationKind kind, HistoryEntry entry, DossierView dossier)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["receipt_code"] = dossier.ReceiptCode,
            ["procedure_code"] = dossier.ProcedureCode,
            ["applicant_name"] = dossier.Applicant.FullName,
        };
        switch (kind)
        {
            case NotificationKind.Receipt:
                values["due_date"] = dossier.DueAt is { } due ? Date(due) : "chưa xác định";
                break;
            case NotificationKind.SupplementRequested:
                // The request as it stands; if the applicant already answered it, the message says where to look.
                var supplement = dossier.Supplement;
                values["missing_papers"] = supplement is null || supplement.MissingItems.Count == 0
                    ? "xem tại Cổng Dịch vụ công"
                    : string.Join("; ", supplement.MissingItems);
                values["deadline"] = supplement is null ? "xem tại Cổng Dịch vụ công" : DateAndTime(supplement.Deadline);
                values["reason"] = supplement?.Reason ?? entry.Note;
                break;
            case NotificationKind.FeesDue:
                // The payment request this change made was stamped with the change's time.
                var payment = dossier.Payments.LastOrDefault(p => p.RequestedAt == entry.At) ?? dossier.Payments.LastOrDefault();
                values["amount"] = payment is null ? "0" : Amount(payment.Total);
                values["payment_id"] = payment is null ? dossier.ReceiptCode : Contracts.Payments.PaymentRequest.IdOf(dossier.ReceiptCode, payment.Number);
                break;
            case NotificationKind.Apology:
                values["new_date"] = entry.StepDueAt is { } promised ? Date(promised) : dossier.PromisedAt is { } at ? Date(at) : "";
                values["reason"] = entry.Note;
                break;
            case NotificationKind.ResultReady:
                values["result"] = dossier.Result == ResultKind.Refused ? "văn bản trả lời" : "kết quả";
                break;
            case NotificationKind.ResultReturned:
                values["returned_at"] = DateAndTime(entry.At);
                break;
        }

        return values;
    }

    /// <summary>The placeholders each kind's template may use.</summary>
    public static IReadOnlySet<string> PlaceholdersOf(NotificationKind kind)
    {
        var common = new[] { "receipt_code", "procedure_code", "applicant_name" };
        string[] own = kind switch
        {
            NotificationKind.Receipt => ["due_date"],
            NotificationKind.SupplementRequested => ["missing_papers", "deadline", "reason"],
            NotificationKind.FeesDue => ["amount", "payment_id"],
            NotificationKind.Apology => ["new_date", "reason"],
            NotificationKind.ResultReady => ["result"],
            NotificationKind.ResultReturned => ["returned_at"],
            _ => [],
        };
        return common.Concat(own).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The kinds that need a template.</summary>
    public static IReadOnlyList<NotificationKind> Kinds { get; } =
        [.. Enum.GetValues<NotificationKind>().Where(k => k != NotificationKind.Unspecified)];

    /// <summary>dd/MM/yyyy in Vietnam time.</summary>
    public static string Date(DateTimeOffset moment) => moment.ToOffset(VietnamOffset).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    /// <summary>HH:mm dd/MM/yyyy in Vietnam time.</summary>
    public static string DateAndTime(DateTimeOffset moment) => moment.ToOffset(VietnamOffset).ToString("HH:mm dd/MM/yyyy", CultureInfo.InvariantCulture);

    /// <summary>Whole đồng grouped by dots, as written in Vietnam: 1.500.000 đồng.</summary>
    public static string Amount(long dong)
    {
        var digits = Math.Abs(dong).ToString(CultureInfo.InvariantCulture);
        var text = new StringBuilder();
        for (var i = 0; i < digits.Length; i++)
        {
            if (i > 0 && (digits.Length - i) % 3 == 0)
            {
                text.Append('.');
            }

            text.Append(digits[i]);
        }

        return (dong < 0 ? "-" : "") + text + " đồng";
    }
}
