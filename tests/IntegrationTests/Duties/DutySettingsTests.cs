using DossierTracking.IntegrationTests.Infrastructure;
using DossierTracking.Silo.Hosting;
using Microsoft.Extensions.Options;

namespace DossierTracking.IntegrationTests.Duties;

/// <summary>The duties' settings are checked at start-up like every other section: a bad one stops the silo, naming it.</summary>
public sealed class DutySettingsTests
{
    [Theory]
    [InlineData("Duties:SweepInterval", "00:00:00", "Duties:SweepInterval")]
    [InlineData("Duties:SweepInterval", "02:00:00", "Duties:SweepInterval")]
    [InlineData("Duties:SweepInterval", "often", "Duties")]
    [InlineData("Duties:DueSoonWorkingDays", "0", "Duties:DueSoonWorkingDays")]
    [InlineData("Duties:UncollectedResultWorkingDays", "61", "Duties:UncollectedResultWorkingDays")]
    [InlineData("Duties:SilentShipmentDays", "0", "Duties:SilentShipmentDays")]
    [InlineData("Duties:Enabled", "maybe", "Duties")]
    public void A_bad_duty_setting_stops_start_up_with_a_message_naming_it(string key, string value, string named)
    {
        var settings = new Dictionary<string, string?>(TestTokens.Settings)
        {
            ["Storage:DataDirectory"] = TestHost.NewDataDirectory(),
            [key] = value,
        };
        var refused = Assert.Throws<OptionsValidationException>(() => DossierHost.CreateBuilder([], settings));
        Assert.Contains(named, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_defaults_start()
    {
        var settings = new Dictionary<string, string?>(TestTokens.Settings) { ["Storage:DataDirectory"] = TestHost.NewDataDirectory() };
        Assert.NotNull(DossierHost.CreateBuilder([], settings));
    }
}
