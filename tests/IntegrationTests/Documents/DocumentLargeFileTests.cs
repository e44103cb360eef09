using DossierTracking.IntegrationTests.Infrastructure;
using static DossierTracking.IntegrationTests.Documents.DocumentScenarios;

namespace DossierTracking.IntegrationTests.Documents;

/// <summary>The settings, not the web server's default request limit (30 MB), bound an upload.</summary>
public sealed class DocumentLargeFileTests
{
    [Fact]
    public async Task A_file_larger_than_the_web_servers_default_body_limit_goes_in_and_out_when_the_settings_allow_it()
    {
        await using var host = await TestHost.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Documents:MaxFileBytes"] = (40 * 1024 * 1024).ToString(),
            ["Documents:MaxDossierBytes"] = (40 * 1024 * 1024).ToString(),
        });
        var (code, _) = await SubmitAsync(host.Channel);
        var pdf = Pdf(32 * 1024 * 1024);
        var uploaded = await UploadAsync(host.Channel, AsPortal, code, Paper, "ho-so-day-du.pdf", pdf);
        Assert.Equal(Sha256(pdf), uploaded.Document.Sha256);
        var (_, tail) = await DownloadAsync(host.Channel, AsPortal, code, Paper, offset: pdf.Length - 100_000);
        Assert.Equal(pdf.AsSpan(pdf.Length - 100_000).ToArray(), tail);
    }
}
