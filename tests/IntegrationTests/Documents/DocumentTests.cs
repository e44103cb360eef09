using DossierTracking.IntegrationTests.Infrastructure;
using DossierTracking.Silo.Documents;
using Microsoft.Extensions.DependencyInjection;
using static DossierTracking.IntegrationTests.Documents.DocumentScenarios;

namespace DossierTracking.IntegrationTests.Documents;

/// <summary>The dossier's papers with the default storage: SQLite, and the documents as files under the data folder.</summary>
public sealed class DocumentTests
{
    [Fact]
    public async Task Papers_go_in_and_come_out_byte_identical_with_their_hash_through_a_restart_stored_once_and_limits_hold() =>
        await PapersGoInAndComeOutByteIdenticalThroughARestartAsync(null, host => Task.FromResult(StoredFiles(host)));

    [Fact]
    public async Task Only_the_holding_units_the_submitting_portal_the_applicant_with_the_PIN_and_sync_download()
    {
        await using var host = await TestHost.StartAsync(settings: Limits());
        await OnlyThoseHoldingTheDossierTheApplicantAndSyncDownloadAsync(host);
    }

    [Fact]
    public async Task A_document_file_damaged_on_disk_is_DATA_LOSS_and_no_byte_is_sent()
    {
        await using var host = await TestHost.StartAsync(settings: Limits());
        var store = host.Services.GetRequiredService<FileDocumentStore>();
        await ADamagedDocumentIsDataLossAndNoByteIsSentAsync(host, async sha256 =>
        {
            var path = store.PathOf(sha256);
            var bytes = await File.ReadAllBytesAsync(path);
            bytes[123_456] ^= 0x01;
            await File.WriteAllBytesAsync(path, bytes);
        });
    }

    [Fact]
    public async Task A_missing_document_file_is_DATA_LOSS()
    {
        await using var host = await TestHost.StartAsync(settings: Limits());
        var store = host.Services.GetRequiredService<FileDocumentStore>();
        var (code, _) = await SubmitAsync(host.Channel);
        var uploaded = await UploadAsync(host.Channel, AsPortal, code, Paper, "a.pdf", Pdf(10_000));
        File.Delete(store.PathOf(uploaded.Document.Sha256));
        var e = await RefusedAsync(() => DownloadAsync(host.Channel, AsPortal, code, Paper), Grpc.Core.StatusCode.DataLoss);
        Assert.Contains("missing or damaged", e.Status.Detail, StringComparison.Ordinal);
    }

    private static int StoredFiles(TestHost host) =>
        Directory.EnumerateFiles(Path.Combine(host.DataDirectory, "documents"), "*", SearchOption.AllDirectories)
            .Count(f => Path.GetFileName(Path.GetDirectoryName(f)) != "tmp");
}
