using DossierTracking.IntegrationTests.Infrastructure;
using DossierTracking.Silo.Hosting;
using Microsoft.Extensions.Options;

namespace DossierTracking.IntegrationTests.Notifications;

/// <summary>Notification settings and the templates file are checked at start-up: a mistake stops it with a message naming the setting.</summary>
public sealed class NotificationSettingsTests
{
    private static OptionsValidationException Refused(params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string?>(TestTokens.Settings) { ["Storage:DataDirectory"] = TestHost.NewDataDirectory() };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return Assert.Throws<OptionsValidationException>(() => DossierHost.CreateBuilder([], settings));
    }

    [Theory]
    [InlineData("Notifications:Channel", "Sms", "Notifications")]
    [InlineData("Notifications:MaxAttempts", "0", "Notifications:MaxAttempts")]
    [InlineData("Notifications:PollInterval", "00:30:00", "Notifications:PollInterval")]
    [InlineData("Notifications:TemplatesPath", "/nonexistent/templates.json", "Notifications:TemplatesPath")]
    public void A_bad_setting_is_refused_naming_it(string key, string value, string named) =>
        Assert.Contains(named, Refused((key, value)).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("")]
    [InlineData("http://sms.example.vn/api/send")]
    [InlineData("not a url")]
    public void The_http_channel_needs_an_https_gateway_address(string url) =>
        Assert.Contains("Notifications:Http:Url", Refused(("Notifications:Channel", "Http"), ("Notifications:Http:Url", url)).Message, StringComparison.Ordinal);

    [Fact]
    public void A_templates_file_without_every_kind_is_refused_saying_which_is_missing()
    {
        var path = Path.Combine(TestHost.NewDataDirectory(), "templates.json");
        File.WriteAllText(path, """{ "Receipt": "Hồ sơ {receipt_code} đã được tiếp nhận." }""");
        var message = Refused(("Notifications:TemplatesPath", path)).Message;
        Assert.Contains("no template for Apology", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Another_templates_file_is_used_when_the_setting_points_at_it()
    {
        var path = Path.Combine(TestHost.NewDataDirectory(), "templates.json");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "notification-templates.json"), path);
        var settings = new Dictionary<string, string?>(TestTokens.Settings)
        {
            ["Storage:DataDirectory"] = TestHost.NewDataDirectory(),
            ["Notifications:TemplatesPath"] = path,
        };
        Assert.NotNull(DossierHost.CreateBuilder([], settings));
    }
}
