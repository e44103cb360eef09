using System.Collections.Immutable;
using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using DossierTracking.Contracts.Documents;
using DossierTracking.Contracts.Dossiers;
using DossierTracking.GrpcApi.Errors;
using DossierTracking.GrpcApi.Security;
using DossierTracking.GrpcApi.V1;
using DossierTracking.GrpcApi.Validation;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using DocumentReference = DossierTracking.Contracts.Documents.DocumentReference;

namespace DossierTracking.GrpcApi.Services;

/// <summary>
/// The dossier's papers over gRPC. An upload asks the dossier first (who, which paper, which type, how many bytes),
/// then streams the bytes into the <see cref="IDocumentStore"/> (hashed on the way, stored once per hash, durable), and
/// only then asks the dossier to attach the reference: an upload that fails half-way attaches nothing, and leaves at
/// most stored bytes that nothing references. Reads ask the dossier who may see its papers, then stream the bytes,
/// checked in full against their hash before the first byte leaves.
/// </summary>
public sealed partial class DocumentApiService(IGrainFactory grains, IDocumentStore store, IOptions<DocumentOptions> options, AuditLog audit,
    LookupThrottle throttle, TransferSlots slots, ILogger<DocumentApiService> logger) : DocumentService.DocumentServiceBase
{
    /// <summary>The largest chunk of an upload, and of a download.</summary>
    public const int MaxChunkBytes = 64 * 1024;

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?\\z", RegexOptions.CultureInvariant)]
    private static partial Regex ComponentCodePattern();

    public override async Task<UploadDocumentResponse> UploadDocument(IAsyncStreamReader<UploadDocumentRequest> requestStream, ServerCallContext context)
    {
        // A client stream passes the access interceptor's audit (it has no single request): the upload is audited here,
        // under its header (which names the dossier), with how it ended.
        var caller = Caller.Of(context);
        UploadDocumentHeader? header = null;
        try
        {
            using var slot = slots.Take(context);
            UploadDocumentResponse response;
            try
            {
                response = await UploadAsync(requestStream, context, caller, h => header = h, slot.Token);
            }
            catch (OperationCanceledException) when (slot.TimedOut)
            {
                throw slot.TooSlow(options.Value.TransferTimeout);
            }

            audit.Answered(context.Method, caller, header, response);
            return response;
        }
        catch (RpcException refusal)
        {
            audit.Refused(context.Method, caller, header, refusal);
            throw;
        }
        catch (Exception e) when (e is DbException or TimeoutException or IOException or OrleansException && !context.CancellationToken.IsCancellationRequested)
        {
            LogUnavailable(e.GetType().Name);
            var unavailable = ApiErrors.Unavailable("BACKEND_UNAVAILABLE", "Storage or the cluster is temporarily unavailable; upload again with the same request_id.");
            audit.Refused(context.Method, caller, header, unavailable);
            throw unavailable;
        }
        catch (Exception)
        {
            audit.Failed(context.Method, caller, header);
            throw;
        }
    }

    private async Task<UploadDocumentResponse> UploadAsync(IAsyncStreamReader<UploadDocumentRequest> requestStream, ServerCallContext context, Caller caller,
        Action<UploadDocumentHeader> headerRead, CancellationToken cancel)
    {
        if (!await requestStream.MoveNext(cancel) || requestStream.Current.PartCase != UploadDocumentRequest.PartOneofCase.Header)
        {
            throw ApiErrors.Invalid("header", "REQUIRED", "The first message of an upload is its header (receipt_code, component_code, file_name, request_id).");
        }

        var header = requestStream.Current.Header;
        headerRead(header);
        var code = Input.ReceiptCodeOf(header.ReceiptCode);
        var component = ComponentCode(header.ComponentCode);
        var fileName = Input.Text(header.FileName, "file_name", required: true);
        var actor = Input.ActorOf(caller);
        var key = GrainKeys.RequestKey(actor, Input.RequestId(header.RequestId));
        var headerPrint = RequestFingerprint.Of(context.Method, header);

        // The first bytes tell the type: the dossier refuses a wrong type, paper or caller before any byte is stored.
        var chunks = new UploadChunks(requestStream, cancel);
        var head = await chunks.ReadHeadAsync(DocumentUpload.HeadLength);
        var upload = new DocumentUpload { ComponentCode = component, FileName = fileName, Head = head };
        var dossier = grains.GetGrain<IDossierDocuments>(code);
        var permitContext = new ActionContext { Actor = actor, RequestKey = key, RequestFingerprint = headerPrint };
        var permit = await dossier.PrepareUploadAsync(permitContext, upload);
        if (permit.Failure is { } refused)
        {
            throw ApiErrors.FromFailure(refused);
        }

        StoredBlob stored;
        try
        {
            // A retry of an attached upload is only compared with it: nothing more is stored for a request id used before.
            stored = permit.Retry is { } first ? await HashOnlyAsync(chunks, first.SizeBytes, cancel) : await store.PutAsync(chunks, permit.MaxBytes, cancel);
        }
        catch (DocumentTooLargeException tooLarge)
        {
            throw tooLarge.MaxBytes >= options.Value.MaxFileBytes
                ? ApiErrors.ResourceExhausted("FILE_TOO_LARGE", $"A document may have at most {options.Value.MaxFileBytes:N0} bytes; nothing was attached.")
                : ApiErrors.ResourceExhausted("DOSSIER_DOCUMENTS_FULL",
                    $"The papers of one dossier may have at most {options.Value.MaxDossierBytes:N0} bytes together; nothing was attached.");
        }

        // The same request is the same header and the same bytes: a retry answers the first upload's reference.
        var attachContext = permitContext with { RequestFingerprint = Fingerprint(headerPrint, stored) };
        var attached = await dossier.AttachDocumentAsync(attachContext, upload with { SizeBytes = stored.SizeBytes, Sha256 = stored.Sha256 });
        if (attached.Failure is { } failure)
        {
            throw ApiErrors.FromFailure(failure);
        }

        return new UploadDocumentResponse { ReceiptCode = code, Document = ToProto(attached.Document!), DossierVersion = attached.DossierVersion };
    }

    /// <summary>
    /// The SHA-256 and size of bytes sent again, read but not kept; reading stops one byte past <paramref name="firstSize"/>
    /// (bytes that long are not the first upload's, and the attach refuses the reuse).
    /// </summary>
    private static async Task<StoredBlob> HashOnlyAsync(Stream chunks, long firstSize, CancellationToken cancel)
    {
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        var buffer = new byte[64 * 1024];
        long size = 0;
        int read;
        while (size <= firstSize && (read = await chunks.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, firstSize + 1 - size)), cancel)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            size += read;
        }

        return new StoredBlob(Convert.ToHexStringLower(hash.GetHashAndReset()), size, Written: false);
    }

    public override async Task<ListDocumentsResponse> ListDocuments(ListDocumentsRequest request, ServerCallContext context)
    {
        var code = Input.ReceiptCodeOf(request.ReceiptCode);
        var documents = await ReadDocumentsAsync(code, request.LookupPin, request.ApplicantIdNumber, context);
        var response = new ListDocumentsResponse { ReceiptCode = code };
        response.Documents.AddRange(documents.Select(ToProto));
        return response;
    }

    public override async Task DownloadDocument(DownloadDocumentRequest request, IServerStreamWriter<DownloadDocumentResponse> responseStream, ServerCallContext context)
    {
        var code = Input.ReceiptCodeOf(request.ReceiptCode);
        var component = ComponentCode(request.ComponentCode);
        if (request.Version < 0)
        {
            throw ApiErrors.Invalid("version", "OUT_OF_RANGE", "version is 1 or more, or 0 for the latest.");
        }

        if (request.Offset < 0 || request.Length < 0)
        {
            throw ApiErrors.Invalid(request.Offset < 0 ? "offset" : "length", "OUT_OF_RANGE", "offset and length are 0 or more.");
        }

        var documents = await ReadDocumentsAsync(code, request.LookupPin, request.ApplicantIdNumber, context);
        var document = (request.Version == 0
                ? documents.FindLast(d => d.ComponentCode == component)
                : documents.Find(d => d.ComponentCode == component && d.Version == request.Version))
            ?? throw ApiErrors.NotFound("component_code", "DOCUMENT_NOT_FOUND",
                $"Dossier {code} holds no {(request.Version == 0 ? "version" : $"version {request.Version}")} of paper {component}.");
        if (request.Offset > document.SizeBytes)
        {
            throw ApiErrors.Invalid("offset", "OUT_OF_RANGE", $"offset is past the end of the document ({document.SizeBytes:N0} bytes).");
        }

        var left = document.SizeBytes - request.Offset;
        var length = request.Length == 0 ? left : Math.Min(request.Length, left);
        using var slot = slots.Take(context);
        var cancel = slot.Token;
        try
        {
            await using var pieces = store.ReadAsync(document.Sha256, document.SizeBytes, request.Offset, length, cancel).GetAsyncEnumerator(cancel);

            // The first step checks the whole stored document: nothing is sent, not even the reference, unless it matches.
            var more = await NextAsync(pieces, code, document);
            await responseStream.WriteAsync(new DownloadDocumentResponse { Document = ToProto(document) }, cancel);
            while (more)
            {
                await responseStream.WriteAsync(new DownloadDocumentResponse { Chunk = ByteString.CopyFrom(pieces.Current.Span) }, cancel);
                more = await NextAsync(pieces, code, document);
            }
        }
        catch (OperationCanceledException) when (slot.TimedOut)
        {
            throw slot.TooSlow(options.Value.TransferTimeout);
        }
    }

    private async Task<bool> NextAsync(IAsyncEnumerator<ReadOnlyMemory<byte>> pieces, string code, DocumentReference document)
    {
        try
        {
            return await pieces.MoveNextAsync();
        }
        catch (DocumentDataLossException lost)
        {
            LogDataLoss(code, document.ComponentCode, document.Version, document.Sha256, lost.Message);
            throw ApiErrors.DataLoss("DOCUMENT_DATA_LOSS",
                $"The stored bytes of paper {document.ComponentCode} version {document.Version} of dossier {code} are missing or damaged: " +
                "they do not match the SHA-256 taken at upload, so none are sent. Operators can restore them from a backup, or the paper can be uploaded again.");
        }
    }

    /// <summary>The dossier decides who may see its papers (and counts a wrong second factor), and answers them.</summary>
    private async Task<ImmutableList<DocumentReference>> ReadDocumentsAsync(string code, string lookupPin, string idNumber, ServerCallContext context)
    {
        var caller = Caller.Of(context);
        throttle.Take(caller, context);
        var proof = Input.Proof(lookupPin, idNumber);
        var read = new DossierRead { Purpose = DossierReadPurpose.Document, Reader = Input.ReaderOf(caller), Proof = proof };
        var grain = grains.GetGrain<IDossierGrain>(code);
        var reply = proof is null ? await grain.ReadAsync(read) : await grain.ReadWithProofAsync(read);
        return reply.Failure is { } failure ? throw ApiErrors.FromFailure(failure) : reply.Documents;
    }

    private static string ComponentCode(string value) =>
        ComponentCodePattern().IsMatch(value)
            ? value
            : throw ApiErrors.Invalid("component_code", "INVALID_COMPONENT_CODE",
                "component_code is a paper's code from the procedure (GetProcedure), 1-40 of a-z, 0-9 and '-', e.g. giay-de-nghi; ket-qua for the result document.");

    private static string Fingerprint(string headerPrint, StoredBlob stored) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{headerPrint}|{stored.Sha256}|{stored.SizeBytes}")), 0, 16);

    private static V1.DocumentReference ToProto(DocumentReference document) => new()
    {
        ComponentCode = document.ComponentCode,
        Version = document.Version,
        FileName = document.FileName,
        SizeBytes = document.SizeBytes,
        Sha256 = document.Sha256,
        ContentType = document.ContentType,
        UploaderRole = document.UploaderRole,
        UploaderId = document.UploaderId,
        UploaderUnit = document.UploaderUnit,
        UploadedAt = Timestamp.FromDateTimeOffset(document.UploadedAt),
    };

    [LoggerMessage(Level = LogLevel.Error,
        Message = "DOCUMENT DATA LOSS: dossier {ReceiptCode} paper {ComponentCode} version {Version} (SHA-256 {Sha256}): {Problem}")]
    private partial void LogDataLoss(string receiptCode, string componentCode, int version, string sha256, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Upload failed on storage or the cluster ({ExceptionType}); answered UNAVAILABLE")]
    private partial void LogUnavailable(string exceptionType);
}
