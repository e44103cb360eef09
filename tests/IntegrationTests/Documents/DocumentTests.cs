using DossierTracking.GrpcApi.Security;
using DossierTracking.GrpcApi.V1;
using DossierTracking.IntegrationTests.Infrastructure;
using Grpc.Core;
using DossierTracking.Silo.Documents;
using Microsoft.Extensions.DependencyInjection;
using static DossierTracking.IntegrationTests.Documents.DocumentScenarios;
using static DossierTracking.IntegrationTests.Infrastructure.Requests;

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
    public async Task An_upload_cut_off_half_way_attaches_nothing()
    {
        await using var host = await TestHost.StartAsync(settings: Limits());
        var (code, _) = await SubmitAsync(host.Channel);
        var client = new DocumentService.DocumentServiceClient(host.Channel);
        using (var cancel = new CancellationTokenSource())
        {
            var call = client.UploadDocument(AsPortal, cancellationToken: cancel.Token);
            await call.RequestStream.WriteAsync(new UploadDocumentRequest
            {
                Header = new UploadDocumentHeader { ReceiptCode = code, ComponentCode = Paper, FileName = "a.pdf", RequestId = "cut-1" },
            });
            var pdf = Pdf(200_000);
            await call.RequestStream.WriteAsync(new UploadDocumentRequest { Chunk = Google.Protobuf.ByteString.CopyFrom(pdf, 0, 65_536) });
            await call.RequestStream.WriteAsync(new UploadDocumentRequest { Chunk = Google.Protobuf.ByteString.CopyFrom(pdf, 65_536, 65_536) });
            await cancel.CancelAsync();
            await Assert.ThrowsAnyAsync<RpcException>(() => call.ResponseAsync);
            call.Dispose();
        }

        // Nothing was attached: sent again whole under the same request id, it is the paper's first version (had the cut
        // upload attached its bytes, this would be another request under a used id, ALREADY_EXISTS).
        var whole = Pdf(200_000);
        var again = await UploadAsync(host.Channel, AsPortal, code, Paper, "a.pdf", whole, "cut-1");
        Assert.Equal((1, Sha256(whole)), (again.Document.Version, again.Document.Sha256));
        Assert.Equal(1, await CountAsync(host.Channel, code));
    }

    [Fact]
    public async Task A_missing_document_file_is_DATA_LOSS()
    {
        await using var host = await TestHost.StartAsync(settings: Limits());
        var store = host.Services.GetRequiredService<FileDocumentStore>();
        var (code, _) = await SubmitAsync(host.Channel);
        var uploaded = await UploadAsync(host.Channel, AsPortal, code, Paper, "a.pdf", Pdf(10_000));
        File.Delete(store.PathOf(uploaded.Document.Sha256));
        var e = await RefusedAsync(() => DownloadAsync(host.Channel, AsPortal, code, Paper), StatusCode.DataLoss);
        Assert.Contains("missing or damaged", e.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_supplement_asks_for_papers_by_code_and_an_online_result_is_the_agencys_document_the_applicant_downloads()
    {
        await using var host = await TestHost.StartAsync(settings: Limits());
        var dossiers = new DossierService.DossierServiceClient(host.Channel);
        var desk = As(Roles.DeskOfficer, "mc-01", HaLong);
        var officer = As(Roles.AgencyOfficer, "cv-07", HaLong);
        var (code, pin) = await SubmitAsync(host.Channel);
        await dossiers.AcceptDossierAsync(new AcceptDossierRequest { ReceiptCode = code }, desk);
        await dossiers.ForwardDossierAsync(new ForwardDossierRequest { ReceiptCode = code }, desk);

        var unknown = await RefusedAsync(() => dossiers.RequestSupplementAsync(new RequestSupplementRequest
        {
            ReceiptCode = code, Reason = "Thiếu giấy tờ", Deadline = At(DateTimeOffset.UtcNow.AddDays(10)), MissingComponentCodes = { "ban-ve" },
        }, officer).ResponseAsync, StatusCode.InvalidArgument);
        Assert.Equal("UNKNOWN_COMPONENT", ReasonOf(unknown));
        var asked = await dossiers.RequestSupplementAsync(new RequestSupplementRequest
        {
            ReceiptCode = code, Reason = "Thiếu giấy đề nghị", Deadline = At(DateTimeOffset.UtcNow.AddDays(10)), MissingComponentCodes = { Paper },
        }, officer);
        Assert.Equal([Paper], asked.Supplement.MissingComponentCodes);
        var early = await RefusedAsync(() => dossiers.ReceiveSupplementAsync(new ReceiveSupplementRequest { ReceiptCode = code }, desk).ResponseAsync,
            StatusCode.FailedPrecondition);
        Assert.Equal("SUPPLEMENT_PAPERS_MISSING", ReasonOf(early));

        await UploadAsync(host.Channel, AsPortal, code, Paper, "don-bo-sung.pdf", Pdf(20_000));
        var received = await dossiers.ReceiveSupplementAsync(new ReceiveSupplementRequest { ReceiptCode = code }, desk);
        Assert.Equal(DossierState.InProcessing, received.State);
        Assert.Equal($"{Paper} v1", received.History[^1].Note);

        // The agency's result document, returned online: its hash is recorded and the applicant downloads it with the PIN.
        var result = Pdf(150_000);
        await RefusedAsync(() => UploadAsync(host.Channel, officer, code, Paper, "x.pdf", result), StatusCode.InvalidArgument);
        await UploadAsync(host.Channel, officer, code, "ket-qua", "giay-chung-nhan.pdf", result);
        await dossiers.RecordResultAsync(new RecordResultRequest { ReceiptCode = code, Result = ResultKind.Approved, DocumentRef = "GCN-1" }, officer);
        var returned = await dossiers.ReturnResultAsync(new ReturnResultRequest { ReceiptCode = code, Method = ReturnMethod.Online }, desk);
        Assert.Equal(DossierState.ResultReturned, returned.State);
        Assert.Equal(Sha256(result), returned.ResultDocumentHash);
        var (document, bytes) = await DownloadAsync(host.Channel, null, code, "ket-qua", pin: pin);
        Assert.Equal(result, bytes);
        Assert.Equal(returned.ResultDocumentHash, document.Sha256);
    }

    [Fact]
    public async Task Uploads_running_together_never_pass_the_dossiers_limit_and_a_refused_one_stores_nothing()
    {
        // More transfers at once than the default share of one caller, so the dossier's limit is what refuses.
        await using var host = await TestHost.StartAsync(settings: new Dictionary<string, string?>(Limits()) { ["Documents:MaxTransfersPerCaller"] = "10" });
        var (code, _) = await SubmitAsync(host.Channel);

        // Five 900 KB papers at once against 3 MiB a dossier (1 MiB a file): each admitted upload holds 1 MiB until attached.
        var uploads = Enumerable.Range(0, 5).Select(i => Task.Run(async () =>
        {
            try
            {
                await UploadAsync(host.Channel, AsPortal, code, Paper, $"trang-{i}.pdf", Pdf(900 * 1024 + i));
                return "OK";
            }
            catch (Grpc.Core.RpcException e)
            {
                return $"{e.StatusCode} {ReasonOf(e)}";
            }
        })).ToList();
        var outcomes = await Task.WhenAll(uploads);

        var attached = outcomes.Count(o => o == "OK");
        Assert.InRange(attached, 1, 3);
        Assert.All(outcomes.Where(o => o != "OK"), o => Assert.Equal("ResourceExhausted DOSSIER_DOCUMENTS_FULL", o));
        Assert.Equal(attached, await CountAsync(host.Channel, code));
        // Refused before a byte was stored: only the attached papers are on disk.
        Assert.Equal(attached, StoredFiles(host));
    }

    [Fact]
    public async Task A_caller_holds_a_few_transfers_at_once_each_for_a_limited_time_and_an_empty_chunk_is_refused()
    {
        var settings = new Dictionary<string, string?>(Limits())
        {
            ["Documents:MaxTransfersPerCaller"] = "2",
            ["Documents:TransferTimeout"] = "00:00:10",
        };
        await using var host = await TestHost.StartAsync(settings: settings);
        var (code, _) = await SubmitAsync(host.Channel);
        var client = new DocumentService.DocumentServiceClient(host.Channel);
        var header = new UploadDocumentRequest
        {
            Header = new UploadDocumentHeader { ReceiptCode = code, ComponentCode = Paper, FileName = "cham.pdf", RequestId = "slow-1" },
        };

        // Two uploads that send their header and then nothing: the caller's share.
        var stalled = new List<Grpc.Core.AsyncClientStreamingCall<UploadDocumentRequest, UploadDocumentResponse>>();
        for (var i = 0; i < 2; i++)
        {
            var call = client.UploadDocument(AsPortal, DateTime.UtcNow.AddSeconds(60));
            await call.RequestStream.WriteAsync(header);
            stalled.Add(call);
        }

        await Task.Delay(500);
        using (var third = client.UploadDocument(AsPortal, DateTime.UtcNow.AddSeconds(60)))
        {
            var busy = await RefusedAsync(async () =>
            {
                try
                {
                    await third.RequestStream.WriteAsync(header);
                    await third.RequestStream.CompleteAsync();
                }
                catch (Exception e) when (e is Grpc.Core.RpcException or InvalidOperationException)
                {
                    // The server may refuse the call before it reads the header: the write then fails on a finished
                    // call (seen as CANCELLED once in CI), and the call's own status below is the server's answer.
                }

                await third.ResponseAsync;
            }, StatusCode.ResourceExhausted);
            Assert.Equal("TOO_MANY_TRANSFERS", ReasonOf(busy));
        }

        // Each stalled upload ends at the time limit, with nothing attached, and frees its place.
        foreach (var call in stalled)
        {
            var slow = await RefusedAsync(() => call.ResponseAsync, StatusCode.ResourceExhausted);
            Assert.Equal("TRANSFER_TOO_SLOW", ReasonOf(slow));
            call.Dispose();
        }

        Assert.Equal(0, await CountAsync(host.Channel, code));
        await UploadAsync(host.Channel, AsPortal, code, Paper, "don.pdf", Pdf(2000));

        // An empty chunk carries nothing but would keep an upload alive: refused.
        using var empty = client.UploadDocument(AsPortal, DateTime.UtcNow.AddSeconds(60));
        var refused = await RefusedAsync(async () =>
        {
            await empty.RequestStream.WriteAsync(header);
            await empty.RequestStream.WriteAsync(new UploadDocumentRequest { Chunk = Google.Protobuf.ByteString.Empty });
            await empty.RequestStream.CompleteAsync();
            await empty.ResponseAsync;
        }, StatusCode.InvalidArgument);
        Assert.Equal("EMPTY_CHUNK", ReasonOf(refused));
    }

    private static int StoredFiles(TestHost host) =>
        Directory.EnumerateFiles(Path.Combine(host.DataDirectory, "documents"), "*", SearchOption.AllDirectories)
            .Count(f => Path.GetFileName(Path.GetDirectoryName(f)) != "tmp");
}
