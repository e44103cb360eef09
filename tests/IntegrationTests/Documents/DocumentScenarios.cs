using System.Security.Cryptography;
using DossierTracking.GrpcApi.Security;
using DossierTracking.GrpcApi.V1;
using DossierTracking.IntegrationTests.Infrastructure;
using Google.Protobuf;
using Google.Rpc;
using Grpc.Core;
using Grpc.Net.Client;
using static DossierTracking.IntegrationTests.Infrastructure.Requests;

namespace DossierTracking.IntegrationTests.Documents;

/// <summary>The document scenarios, run against each storage backend.</summary>
public static class DocumentScenarios
{
    /// <summary>Small limits, so that a test passes them with little data: 1 MiB a file, 3 MiB a dossier.</summary>
    public static IReadOnlyDictionary<string, string?> Limits(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
        {
            ["Documents:MaxFileBytes"] = (1024 * 1024).ToString(),
            ["Documents:MaxDossierBytes"] = (3 * 1024 * 1024).ToString(),
        };
        return all;
    }

    public const string Paper = "giay-de-nghi";
    public const string OtherPaper = "giay-to-chu-ho";

    public static Metadata As(string role, string subject, string agency = "") => TestTokens.Bearer(TestTokens.For(role, subject, agency));

    public static Metadata AsPortal => As(Roles.Portal, "dvc-portal");

    /// <summary>A PDF of <paramref name="size"/> bytes: the PDF signature, then random bytes.</summary>
    public static byte[] Pdf(int size)
    {
        var bytes = RandomNumberGenerator.GetBytes(size);
        "%PDF-1.7\n"u8.CopyTo(bytes);
        return bytes;
    }

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>A dossier of procedure 1.001612 (household business: papers giay-de-nghi, giay-to-chu-ho, ...) submitted by the portal at Hạ Long; its code and PIN.</summary>
    public static async Task<(string Code, string Pin)> SubmitAsync(GrpcChannel channel)
    {
        var dossiers = new DossierService.DossierServiceClient(channel);
        var submitted = await dossiers.SubmitDossierAsync(Submit(procedure: HouseholdBusiness, desk: HaLong), AsPortal);
        return (submitted.ReceiptCode, submitted.LookupPin);
    }

    /// <summary>Uploads in chunks of 64 KiB; a refusal comes back as the RpcException of the call.</summary>
    public static async Task<UploadDocumentResponse> UploadAsync(GrpcChannel channel, Metadata caller, string code, string component, string fileName,
        byte[] bytes, string? requestId = null)
    {
        var client = new DocumentService.DocumentServiceClient(channel);
        using var call = client.UploadDocument(caller, DateTime.UtcNow.AddSeconds(60));
        try
        {
            await call.RequestStream.WriteAsync(new UploadDocumentRequest
            {
                Header = new UploadDocumentHeader
                {
                    ReceiptCode = code,
                    ComponentCode = component,
                    FileName = fileName,
                    RequestId = requestId ?? "up-" + Guid.NewGuid().ToString("N"),
                },
            });
            for (var at = 0; at < bytes.Length; at += 64 * 1024)
            {
                await call.RequestStream.WriteAsync(new UploadDocumentRequest { Chunk = ByteString.CopyFrom(bytes, at, Math.Min(64 * 1024, bytes.Length - at)) });
            }

            await call.RequestStream.CompleteAsync();
        }
        catch (Exception e) when (e is RpcException or InvalidOperationException)
        {
            // The server ended the call early (a refusal): its status is the call's answer.
        }

        return await call.ResponseAsync;
    }

    /// <summary>Downloads a paper (or a range of it): its reference and the bytes received.</summary>
    public static async Task<(DocumentReference Document, byte[] Bytes)> DownloadAsync(GrpcChannel channel, Metadata? caller, string code, string component,
        int version = 0, long offset = 0, long length = 0, string pin = "")
    {
        var client = new DocumentService.DocumentServiceClient(channel);
        using var call = client.DownloadDocument(new DownloadDocumentRequest
        {
            ReceiptCode = code,
            ComponentCode = component,
            Version = version,
            Offset = offset,
            Length = length,
            LookupPin = pin,
        }, caller, DateTime.UtcNow.AddSeconds(60));
        DocumentReference? document = null;
        using var bytes = new MemoryStream();
        while (await call.ResponseStream.MoveNext(CancellationToken.None))
        {
            var message = call.ResponseStream.Current;
            if (message.PartCase == DownloadDocumentResponse.PartOneofCase.Document)
            {
                Assert.Null(document);
                document = message.Document;
            }
            else
            {
                Assert.NotNull(document);
                Assert.True(message.Chunk.Length <= 64 * 1024);
                message.Chunk.WriteTo(bytes);
            }
        }

        return (document ?? throw new InvalidOperationException("no reference came"), bytes.ToArray());
    }

    public static async Task<RpcException> RefusedAsync(Func<Task> call, StatusCode status)
    {
        var e = await Assert.ThrowsAsync<RpcException>(call);
        Assert.True(status == e.StatusCode, $"expected {status}, got {e.StatusCode}: {e.Status.Detail}");
        return e;
    }

    public static string ReasonOf(RpcException e) => e.GetRpcStatus()?.GetDetail<ErrorInfo>()?.Reason ?? "";

    public static async Task<int> CountAsync(GrpcChannel channel, string code) =>
        (await new DocumentService.DocumentServiceClient(channel).ListDocumentsAsync(new ListDocumentsRequest { ReceiptCode = code }, AsPortal)).Documents.Count;

    /// <summary>
    /// A multi-chunk PDF goes in and comes out byte-identical with its hash, whole and as a range, through a restart;
    /// the same bytes again are stored once and a retry attaches nothing more; a file over the limit and a program named
    /// scan.pdf are refused and attach nothing; the download is in the dossier's audit.
    /// </summary>
    public static async Task PapersGoInAndComeOutByteIdenticalThroughARestartAsync(IReadOnlyDictionary<string, string?>? settings, Func<TestHost, Task<int>> storedBlobs)
    {
        var data = TestHost.NewDataDirectory();
        var pdf = Pdf(300_000);
        string code;
        await using (var host = await TestHost.StartAsync(data, settings: Limits(settings)))
        {
            (code, _) = await SubmitAsync(host.Channel);
            var first = await UploadAsync(host.Channel, AsPortal, code, Paper, "don-de-nghi.pdf", pdf, "up-1");
            Assert.Equal(Paper, first.Document.ComponentCode);
            Assert.Equal(1, first.Document.Version);
            Assert.Equal(pdf.Length, first.Document.SizeBytes);
            Assert.Equal(Sha256(pdf), first.Document.Sha256);
            Assert.Equal("application/pdf", first.Document.ContentType);
            Assert.Equal("dvc-portal", first.Document.UploaderId);

            // The same upload again (a retry): the first answer, nothing attached twice.
            var retry = await UploadAsync(host.Channel, AsPortal, code, Paper, "don-de-nghi.pdf", pdf, "up-1");
            Assert.Equal(first.Document, retry.Document);
            Assert.Equal(first.DossierVersion, retry.DossierVersion);

            // The same bytes as another paper, and as the desk's second version: one stored copy.
            await UploadAsync(host.Channel, AsPortal, code, OtherPaper, "ban-sao.pdf", pdf);
            var second = await UploadAsync(host.Channel, As(Roles.DeskOfficer, "mc-01", HaLong), code, Paper, "scan-lai.pdf", pdf);
            Assert.Equal(2, second.Document.Version);
            Assert.Equal(3, await CountAsync(host.Channel, code));
            Assert.Equal(1, await storedBlobs(host));

            // Over the file limit, and a program named scan.pdf: refused, nothing attached.
            var tooLarge = await RefusedAsync(() => UploadAsync(host.Channel, AsPortal, code, Paper, "big.pdf", Pdf(1024 * 1024 + 1)), StatusCode.ResourceExhausted);
            Assert.Equal("FILE_TOO_LARGE", ReasonOf(tooLarge));
            var program = new byte[5000];
            "MZ\x90\0\x03\0\0\0"u8.CopyTo(program);
            var exe = await RefusedAsync(() => UploadAsync(host.Channel, AsPortal, code, Paper, "scan.pdf", program), StatusCode.InvalidArgument);
            Assert.Equal("CONTENT_TYPE_NOT_ALLOWED", ReasonOf(exe));
            var unknownPaper = await RefusedAsync(() => UploadAsync(host.Channel, AsPortal, code, "khong-co", "x.pdf", pdf), StatusCode.InvalidArgument);
            Assert.Equal("UNKNOWN_COMPONENT", ReasonOf(unknownPaper));
            Assert.Equal(3, await CountAsync(host.Channel, code));
            Assert.Equal(1, await storedBlobs(host));

            // Whole, and a range across chunk boundaries.
            var (document, bytes) = await DownloadAsync(host.Channel, AsPortal, code, Paper, version: 1);
            Assert.Equal(pdf, bytes);
            Assert.Equal(Sha256(pdf), document.Sha256);
            var (_, range) = await DownloadAsync(host.Channel, AsPortal, code, Paper, offset: 65_000, length: 200_000);
            Assert.Equal(pdf.AsSpan(65_000, 200_000).ToArray(), range);
            var (_, tail) = await DownloadAsync(host.Channel, AsPortal, code, Paper, offset: 299_990, length: 1000);
            Assert.Equal(pdf.AsSpan(299_990).ToArray(), tail);

            // The same request id with other bytes is another request: refused, nothing attached, and nothing stored (the
            // bytes sent under a used request id are only compared with the first upload's).
            var storedBefore = await storedBlobs(host);
            var reused = await RefusedAsync(() => UploadAsync(host.Channel, AsPortal, code, Paper, "don-de-nghi.pdf", Pdf(1000), "up-1"), StatusCode.AlreadyExists);
            Assert.Equal("REQUEST_ID_REUSED", ReasonOf(reused));
            Assert.Equal(3, await CountAsync(host.Channel, code));
            Assert.Equal(storedBefore, await storedBlobs(host));
        }

        await using var restarted = await TestHost.StartAsync(data, settings: Limits(settings));
        var (again, afterRestart) = await DownloadAsync(restarted.Channel, AsPortal, code, Paper);
        Assert.Equal(2, again.Version);
        Assert.Equal(pdf, afterRestart);
        Assert.Equal(Sha256(afterRestart), again.Sha256);

        // Every download is in the dossier's audit.
        var audit = new AuditService.AuditServiceClient(restarted.Channel);
        var downloads = 0;
        for (var deadline = DateTime.UtcNow.AddSeconds(30); downloads < 4 && DateTime.UtcNow < deadline; await Task.Delay(200))
        {
            var page = await audit.ListDossierAuditAsync(new ListDossierAuditRequest { ReceiptCode = code, PageSize = 100 }, As(Roles.Supervisor, "sv-1"));
            downloads = page.Entries.Count(e => e.Method == "/dvc.v1.DocumentService/DownloadDocument" && e.Outcome == "OK" && e.Subject == "dvc-portal");
        }

        Assert.Equal(4, downloads);
        var entries = (await audit.ListDossierAuditAsync(new ListDossierAuditRequest { ReceiptCode = code, PageSize = 100 }, As(Roles.Supervisor, "sv-1"))).Entries;
        Assert.Contains(entries, e => e.Method == "/dvc.v1.DocumentService/UploadDocument" && e.Outcome == "OK" && e.Target == code);
        Assert.Contains(entries, e => e.Method == "/dvc.v1.DocumentService/UploadDocument" && e.Outcome == "INVALID_ARGUMENT" && e.Reason == "CONTENT_TYPE_NOT_ALLOWED");
    }

    /// <summary>
    /// The holding units' officers, the submitting portal, the applicant with the PIN and the sync role download; another
    /// unit's officer and another portal are refused exactly as for a dossier that does not exist, the applicant without
    /// the PIN too.
    /// </summary>
    public static async Task OnlyThoseHoldingTheDossierTheApplicantAndSyncDownloadAsync(TestHost host)
    {
        var (code, pin) = await SubmitAsync(host.Channel);
        var pdf = Pdf(70_000);
        await UploadAsync(host.Channel, AsPortal, code, Paper, "a.pdf", pdf);
        foreach (var caller in new[] { AsPortal, As(Roles.DeskOfficer, "mc-01", HaLong), As(Roles.Sync, "dvc-national") })
        {
            Assert.Equal(pdf, (await DownloadAsync(host.Channel, caller, code, Paper)).Bytes);
        }

        Assert.Equal(pdf, (await DownloadAsync(host.Channel, null, code, Paper, pin: pin)).Bytes);

        var unknown = code[..^4] + "9999";
        foreach (var (caller, reason) in new[]
        {
            (As(Roles.DeskOfficer, "mc-09", Centre), "OUTSIDE_AGENCY"),
            (As(Roles.Portal, "another-portal"), "NOT_YOUR_DOSSIER"),
            ((Metadata?)null, "NOT_YOUR_DOSSIER"),
        })
        {
            var foreign = await RefusedAsync(() => DownloadAsync(host.Channel, caller, code, Paper), StatusCode.PermissionDenied);
            var missing = await RefusedAsync(() => DownloadAsync(host.Channel, caller, unknown, Paper), StatusCode.PermissionDenied);
            Assert.Equal(reason, ReasonOf(foreign));
            Assert.Equal(foreign.Status.Detail, missing.Status.Detail);
            Assert.Equal(ReasonOf(foreign), ReasonOf(missing));
        }

        var wrongPin = await RefusedAsync(() => DownloadAsync(host.Channel, null, code, Paper, pin: pin == "12345678" ? "87654321" : "12345678"), StatusCode.PermissionDenied);
        Assert.Equal("NOT_YOUR_DOSSIER", ReasonOf(wrongPin));

        // Another portal may not upload to it either, and a desk of another unit neither.
        await RefusedAsync(() => UploadAsync(host.Channel, As(Roles.Portal, "another-portal"), code, Paper, "b.pdf", pdf), StatusCode.PermissionDenied);
        await RefusedAsync(() => UploadAsync(host.Channel, As(Roles.DeskOfficer, "mc-09", Centre), code, Paper, "b.pdf", pdf), StatusCode.PermissionDenied);
        Assert.Equal(1, await CountAsync(host.Channel, code));
    }

    /// <summary>A stored document whose bytes were altered answers DATA_LOSS before any byte (not even its reference) is sent.</summary>
    public static async Task ADamagedDocumentIsDataLossAndNoByteIsSentAsync(TestHost host, Func<string, Task> damage)
    {
        var (code, _) = await SubmitAsync(host.Channel);
        var pdf = Pdf(200_000);
        var uploaded = await UploadAsync(host.Channel, AsPortal, code, Paper, "a.pdf", pdf);
        await damage(uploaded.Document.Sha256);

        var client = new DocumentService.DocumentServiceClient(host.Channel);
        foreach (var (offset, length) in new[] { (0L, 0L), (150_000L, 100L) })
        {
            using var call = client.DownloadDocument(new DownloadDocumentRequest { ReceiptCode = code, ComponentCode = Paper, Offset = offset, Length = length }, AsPortal);
            var e = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));
            Assert.Equal(StatusCode.DataLoss, e.StatusCode);
            Assert.Equal("DOCUMENT_DATA_LOSS", ReasonOf(e));
            Assert.Contains("do not match the SHA-256", e.Status.Detail, StringComparison.Ordinal);
        }

        // Uploading the good bytes again repairs the stored copy.
        await UploadAsync(host.Channel, AsPortal, code, Paper, "a.pdf", pdf);
        Assert.Equal(pdf, (await DownloadAsync(host.Channel, AsPortal, code, Paper, version: 1)).Bytes);
    }
}
