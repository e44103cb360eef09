using DossierTracking.IntegrationTests.Crash;
using DossierTracking.IntegrationTests.Infrastructure;
using static DossierTracking.IntegrationTests.Documents.DocumentScenarios;

namespace DossierTracking.IntegrationTests.Documents;

/// <summary>Papers stored through one silo are served, byte-identical, by another: the bytes are in the shared database.</summary>
[Collection(PostgresCollection.Name)]
public sealed class DocumentClusterTests(PostgresFixture postgres)
{
    [Fact]
    public async Task A_paper_uploaded_through_one_silo_downloads_byte_identical_through_another()
    {
        await using var cluster = await ClusterCrashTests.StartClusterAsync(postgres, 2);
        var (code, pin) = await SubmitAsync(cluster[0].Channel);
        var pdf = Pdf(400_000);
        var uploaded = await UploadAsync(cluster[0].Channel, AsPortal, code, Paper, "don.pdf", pdf);

        var (document, bytes) = await DownloadAsync(cluster[1].Channel, null, code, Paper, pin: pin);
        Assert.Equal(pdf, bytes);
        Assert.Equal(uploaded.Document.Sha256, document.Sha256);
        Assert.Equal(Sha256(pdf), document.Sha256);
    }
}
