using DossierTracking.GrpcApi.Security;
using DossierTracking.IntegrationTests.Infrastructure;
using DossierTracking.Silo.ProvincePage;
using Microsoft.Playwright;
using static DossierTracking.IntegrationTests.Infrastructure.Requests;

namespace DossierTracking.IntegrationTests.ProvincePage;

/// <summary>
/// The province page in a real browser (Debian's headless Chromium driven by Playwright): an operator logs in through
/// the form, the page stays open while a burst of dossiers comes in, and without a reload it comes to show the very
/// numbers GetAgencyFigures answers. On a phone's width it needs no sideways scrolling. The test takes the screenshot
/// of the README: set <c>DVC_PROVINCE_SCREENSHOT</c> to the file to write (docs/province-page.png).
/// </summary>
public sealed class ProvincePageBrowserTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    /// <summary>Where Debian's chromium package puts the browser; <c>DVC_CHROMIUM</c> names another.</summary>
    private static readonly string ChromiumPath = Environment.GetEnvironmentVariable("DVC_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    /// <summary>The page asks every 2 s; 30 s only catches a page that never shows the figures, also on a busy machine.</summary>
    private static readonly LocatorAssertionsToHaveTextOptions Patiently = new() { Timeout = 30_000 };

    private string Origin => $"http://127.0.0.1:{fixture.Host.HttpPort}";

    [Fact]
    public async Task An_operator_logs_in_and_the_page_shows_GetAgencyFigures_numbers_without_a_reload()
    {
        if (!File.Exists(ChromiumPath))
        {
            Assert.Fail($"No browser at {ChromiumPath}: install Debian's chromium package (scripts/test.sh does) or name one in DVC_CHROMIUM.");
        }

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Headless = true, Timeout = 60_000 });
        var desktop = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1024, Height = 768 }, Locale = "vi-VN" });
        var page = await desktop.NewPageAsync();

        // Opening the page without a token leads to the form; the operator's token leads back to the page.
        await page.GotoAsync(Origin + ProvincePageComposition.PagePath);
        Assert.EndsWith(ProvincePageLogin.Area.LoginPath, page.Url, StringComparison.Ordinal);
        await page.FillAsync("#token", TestTokens.For(Roles.Operator, subject: "vh-01"));
        await page.ClickAsync($"form[action='{ProvincePageLogin.Area.LoginPath}'] button");
        await page.WaitForURLAsync(Origin + ProvincePageComposition.PagePath);
        await Assertions.Expect(page.Locator("#status")).ToContainTextAsync("Cập nhật lúc", new() { Timeout = 30_000 });
        await page.EvaluateAsync("() => { window.stillTheSamePage = true; }");

        var api = await ProvinceScenario.RunAsync(fixture.Host, fixture.Clock);

        foreach (var agency in ProvinceScenario.Agencies)
        {
            foreach (var (figure, text) in ApiFigures.Of(api[agency]).Shown())
            {
                await Assertions.Expect(page.Locator($"[data-agency='{agency}'] [data-figure='{figure}'] dd")).ToHaveTextAsync(text, Patiently);
            }
        }

        await Assertions.Expect(page.Locator("#province [data-figure='receivedToday'] dd")).ToHaveTextAsync(ApiFigures.Count(ProvinceScenario.ReceivedToday), Patiently);
        await Assertions.Expect(page.Locator("[data-figure='relayLag'] dd")).ToContainTextAsync("giây", new() { Timeout = 30_000 });
        Assert.True(await page.EvaluateAsync<bool>("() => window.stillTheSamePage === true"), "the figures came without a reload");
        var desktopShot = await page.ScreenshotAsync(new PageScreenshotOptions { FullPage = true });

        // A phone: the same cookie, a narrow screen.
        var phone = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            IsMobile = true,
            HasTouch = true,
            Locale = "vi-VN",
            StorageState = await desktop.StorageStateAsync(),
        });
        var small = await phone.NewPageAsync();
        await small.GotoAsync(Origin + ProvincePageComposition.PagePath);
        var construction = ApiFigures.Of(api[Construction]).Shown();
        await Assertions.Expect(small.Locator($"[data-agency='{Construction}'] [data-figure='inProcessing'] dd")).ToHaveTextAsync(construction["inProcessing"], Patiently);
        Assert.True(await small.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "nothing wider than a phone's screen");
        var phoneShot = await small.ScreenshotAsync();

        await SaveScreenshotAsync(browser, desktopShot, phoneShot);
    }

    /// <summary>Both screenshots side by side in one picture, written where <c>DVC_PROVINCE_SCREENSHOT</c> says (nowhere without it).</summary>
    private static async Task SaveScreenshotAsync(IBrowser browser, byte[] desktop, byte[] phone)
    {
        if (Environment.GetEnvironmentVariable("DVC_PROVINCE_SCREENSHOT") is not { Length: > 0 } file)
        {
            return;
        }

        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1470, Height = 600 } });
        var page = await context.NewPageAsync();
        await page.SetContentAsync($"""
            <!DOCTYPE html><html><body style="margin:0;padding:16px;background:#d0d7de;display:flex;gap:24px;align-items:flex-start">
            <img style="width:1024px;box-shadow:0 2px 8px rgba(0,0,0,.3)" src="data:image/png;base64,{Convert.ToBase64String(desktop)}">
            <img style="width:390px;box-shadow:0 2px 8px rgba(0,0,0,.3);border-radius:12px" src="data:image/png;base64,{Convert.ToBase64String(phone)}">
            </body></html>
            """);
        await File.WriteAllBytesAsync(file, await page.ScreenshotAsync(new PageScreenshotOptions { FullPage = true }));
    }
}
