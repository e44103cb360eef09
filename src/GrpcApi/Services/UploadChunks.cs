using DossierTracking.GrpcApi.Errors;
using DossierTracking.GrpcApi.V1;
using Grpc.Core;

namespace DossierTracking.GrpcApi.Services;

/// <summary>
/// The bytes of an upload's chunk messages as a read-only stream, so the document store can hash and store them as they
/// come, without holding the file in memory. Every message after the header must be a chunk of at most
/// <see cref="DocumentApiService.MaxChunkBytes"/>.
/// </summary>
internal sealed class UploadChunks(IAsyncStreamReader<UploadDocumentRequest> messages, CancellationToken cancellationToken) : Stream
{
    private ReadOnlyMemory<byte> _pending;
    private byte[]? _head;
    private bool _ended;

    /// <summary>
    /// The first <paramref name="count"/> bytes (fewer when the file is shorter), read ahead from as many chunks as it
    /// takes; the stream still yields them first.
    /// </summary>
    public async Task<byte[]> ReadHeadAsync(int count)
    {
        var gathered = new MemoryStream();
        while (gathered.Length < count && await NextChunkAsync() is { } chunk)
        {
            gathered.Write(chunk.Span);
        }

        _head = gathered.ToArray();
        _pending = _head;
        return _head.AsSpan(0, Math.Min(count, _head.Length)).ToArray();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellation = default)
    {
        while (_pending.IsEmpty)
        {
            if (await NextChunkAsync() is not { } chunk)
            {
                return 0;
            }

            _pending = chunk;
        }

        var count = Math.Min(buffer.Length, _pending.Length);
        _pending[..count].CopyTo(buffer);
        _pending = _pending[count..];
        return count;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellation) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellation).AsTask();

    private async Task<ReadOnlyMemory<byte>?> NextChunkAsync()
    {
        if (_ended || !await messages.MoveNext(cancellationToken))
        {
            _ended = true;
            return null;
        }

        var message = messages.Current;
        if (message.PartCase != UploadDocumentRequest.PartOneofCase.Chunk)
        {
            throw ApiErrors.Invalid("chunk", "REQUIRED", "After the header, every message of an upload is a chunk of bytes.");
        }

        if (message.Chunk.IsEmpty)
        {
            // An empty chunk carries nothing but keeps a stalled upload alive.
            throw ApiErrors.Invalid("chunk", "EMPTY_CHUNK", $"Every chunk carries 1 to {DocumentApiService.MaxChunkBytes:N0} bytes.");
        }

        if (message.Chunk.Length > DocumentApiService.MaxChunkBytes)
        {
            throw ApiErrors.Invalid("chunk", "CHUNK_TOO_LARGE", $"A chunk holds at most {DocumentApiService.MaxChunkBytes:N0} bytes.");
        }

        return message.Chunk.Memory;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("Read the upload asynchronously.");
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
