using DossierTracking.IntegrationTests.Infrastructure;
using DossierTracking.Silo.Hosting;
using Microsoft.Extensions.Options;

namespace DossierTracking.IntegrationTests.Hosting;

/// <summary>Every section of settings is read and checked the same way: a typo stops start-up with a message naming the setting, never a stack trace later.</summary>
public sealed class SettingsValidationTests
{
    [Theory]
    [InlineData("Postal:ResultReturnedAt", "Delivered", "Postal")]
    [InlineData("Postal:ResultReturnedAt", "7", "Postal:ResultReturnedAt")]
    [InlineData("Postal:DefaultCarrier", "vn post", "Postal:DefaultCarrier")]
    [InlineData("Postal:ReasonCodes:vnpost-qn:V01", "Absent", "Postal")]
    [InlineData("Postal:ReasonCodes:vnpost-qn:V01", "Unspecified", "Postal:ReasonCodes:vnpost-qn:V01")]
    [InlineData("Postal:ReasonCodes:vnpost-qn:V 01", "Refused", "Postal:ReasonCodes:vnpost-qn:V 01")]
    [InlineData("Postal:ReasonCodes:vn post:V01", "Refused", "Postal:ReasonCodes:vn post")]
    [InlineData("Limits:AnonymousLookupsPerSecond", "-1", "Limits:AnonymousLookupsPerSecond")]
    [InlineData("Limits:CallerLookupsPerSecond", "many", "Limits")]
    [InlineData("Dashboard:Enabled", "maybe", "Dashboard")]
    [InlineData("Diagnostics:EnableProbe", "yes please", "Diagnostics")]
    [InlineData("ChangeFeed:MoveInterval", "soon", "ChangeFeed")]
    [InlineData("Audit:Retention", "forever", "Audit")]
    [InlineData("Silo:GrainCollectionAge", "long", "Silo")]
    [InlineData("Health:DrainDelay", "00:05:00", "Health:DrainDelay")]
    [InlineData("Health:DrainDelay", "a while", "Health")]
    [InlineData("ProvincePage:RefreshInterval", "00:00:00.200", "ProvincePage:RefreshInterval")]
    [InlineData("ProvincePage:RefreshInterval", "often", "ProvincePage")]
    [InlineData("ProvincePage:Enabled", "maybe", "ProvincePage")]
    [InlineData("Documents:MaxFileBytes", "100", "Documents:MaxFileBytes")]
    [InlineData("Documents:MaxFileBytes", "20MB", "Documents")]
    [InlineData("Documents:MaxDossierBytes", "1048576", "Documents:MaxDossierBytes")]
    public void A_bad_setting_stops_start_up_with_a_message_naming_it(string key, string value, string named)
    {
        var settings = new Dictionary<string, string?>(TestTokens.Settings)
        {
            ["Storage:DataDirectory"] = TestHost.NewDataDirectory(),
            [key] = value,
        };
        var refused = Assert.Throws<OptionsValidationException>(() => DossierHost.CreateBuilder([], settings));
        Assert.Contains(named, refused.Message, StringComparison.Ordinal);
    }
}
