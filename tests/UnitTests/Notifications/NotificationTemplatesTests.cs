using DossierTracking.Contracts.Notifications;
using DossierTracking.Domain.Notifications;

namespace DossierTracking.UnitTests.Notifications;

/// <summary>The templates file: every kind has a template, only known placeholders, braces escaped; rendering fills the values in.</summary>
public sealed class NotificationTemplatesTests
{
    private const string Complete = """
        {
          "_comment": "ignored",
          "Receipt": "Hồ sơ {receipt_code} đã được tiếp nhận; hạn {due_date}.",
          "SupplementRequested": "Hồ sơ {receipt_code} cần bổ sung: {missing_papers} trước {deadline}.",
          "FeesDue": "Nộp {amount} ({payment_id}).",
          "ResultReady": "Hồ sơ {receipt_code} đã có {result}.",
          "Apology": "Xin lỗi, hẹn ngày {new_date}. {{không phải giá trị}}",
          "ResultReturned": "Đã trả lúc {returned_at}."
        }
        """;

    [Fact]
    public void The_shipped_file_has_a_valid_template_for_every_kind()
    {
        var templates = NotificationTemplates.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "notification-templates.json")));
        Assert.All(NotificationRules.Kinds, kind => Assert.Contains("{receipt_code}", templates[kind], StringComparison.Ordinal));
    }

    [Fact]
    public void Rendering_fills_in_the_values_and_keeps_escaped_braces()
    {
        var templates = NotificationTemplates.Parse(Complete);
        Assert.Equal("Xin lỗi, hẹn ngày 24/04/2026. {không phải giá trị}",
            templates.Render(NotificationKind.Apology, new Dictionary<string, string> { ["new_date"] = "24/04/2026" }));
        Assert.Equal("Nộp 1.500.000 đồng (H49.50-260302-0001/1).",
            templates.Render(NotificationKind.FeesDue, new Dictionary<string, string> { ["amount"] = "1.500.000 đồng", ["payment_id"] = "H49.50-260302-0001/1" }));
    }

    [Fact]
    public void A_long_value_is_cut_so_a_message_stays_a_few_SMS_long()
    {
        var templates = NotificationTemplates.Parse(Complete);
        var text = templates.Render(NotificationKind.Apology, new Dictionary<string, string> { ["new_date"] = new string('x', 4000) });
        Assert.Equal($"Xin lỗi, hẹn ngày {new string('x', NotificationTemplates.MaxValueLength - 1)}…. {{không phải giá trị}}", text);
    }

    [Fact]
    public void A_file_missing_a_kind_is_refused_naming_it()
    {
        var error = Assert.Throws<InvalidDataException>(() => NotificationTemplates.Parse(Complete.Replace("\"ResultReturned\"", "\"_ResultReturned\"", StringComparison.Ordinal)));
        Assert.Contains("no template for ResultReturned", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_placeholder_the_kind_does_not_have_is_refused_naming_it()
    {
        var error = Assert.Throws<InvalidDataException>(() => NotificationTemplates.Parse(Complete.Replace("{new_date}", "{amount}", StringComparison.Ordinal)));
        Assert.Contains("Apology uses {amount}", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{receipt_code")]
    [InlineData("receipt_code}")]
    [InlineData("{Receipt Code}")]
    public void An_unmatched_or_malformed_brace_is_refused(string text)
    {
        var error = Assert.Throws<InvalidDataException>(() => NotificationTemplates.Parse(Complete.Replace("Đã trả lúc {returned_at}.", text, StringComparison.Ordinal)));
        Assert.Contains("ResultReturned", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_kind_and_text_that_is_not_json_are_refused()
    {
        Assert.Contains("\"Reminder\" is not a notification kind",
            Assert.Throws<InvalidDataException>(() => NotificationTemplates.Parse(Complete.Replace("\"_comment\"", "\"Reminder\"", StringComparison.Ordinal))).Message, StringComparison.Ordinal);
        Assert.Throws<InvalidDataException>(() => NotificationTemplates.Parse("[1, 2]"));
    }
}
