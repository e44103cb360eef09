using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using DossierTracking.Contracts.Documents;
using Npgsql;
using NpgsqlTypes;

namespace DossierTracking.Silo.Documents;

/// <summary>
/// Documents in PostgreSQL (migration <c>0012_documents.sql</c>): a row per distinct content, keyed by its SHA-256,
/// and its chunks of <see cref="ChunkBytes"/>. A put first spools the upload to a temporary file while hashing it (the
/// key is known only at the end), then writes the row and its chunks in one transaction, or nothing when those bytes
/// are stored already (a damaged copy is replaced). Committed means durable. On its own small pool of connections, so
/// that moving megabytes never holds up the grains' writes.
/// </summary>
public sealed class PostgresDocumentStore(NpgsqlDataSource database) : IDocumentStore, IAsyncDisposable
{
    public ValueTask DisposeAsync() => database.DisposeAsync();

    /// <summary>The size of a stored chunk: large enough for few rows, small enough to read a range cheaply.</summary>
    public const int ChunkBytes = 256 * 1024;

    public async Task<StoredBlob> PutAsync(Stream content, long maxBytes, CancellationToken cancellationToken)
    {
        var spool = Path.Combine(Path.GetTempPath(), "dvc-upload-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using var file = new FileStream(spool, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81_920,
                FileOptions.Asynchronous | FileOptions.DeleteOnClose);
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[81_920];
            long size = 0;
            int read;
            while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
            {
                size += read;
                if (size > maxBytes)
                {
                    throw new DocumentTooLargeException(maxBytes);
                }

                hash.AppendData(buffer, 0, read);
                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }

            var sha256 = Convert.ToHexStringLower(hash.GetHashAndReset());
            if (await StoredSizeAsync(sha256, cancellationToken) == size && await HashOfStoredAsync(sha256, cancellationToken) == sha256)
            {
                return new StoredBlob(sha256, size, Written: false);
            }

            file.Position = 0;
            await WriteAsync(sha256, size, file, cancellationToken);
            return new StoredBlob(sha256, size, Written: true);
        }
        finally
        {
            File.Delete(spool);
        }
    }

    /// <summary>The row and its chunks in one transaction, replacing whatever was stored under the hash (missing or damaged).</summary>
    private async Task WriteAsync(string sha256, long size, Stream file, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var blob = new NpgsqlCommand(
            "INSERT INTO dvc_document_blobs (sha256, size_bytes, chunk_bytes) VALUES (@sha, @size, @chunk) " +
            "ON CONFLICT (sha256) DO UPDATE SET size_bytes = excluded.size_bytes, chunk_bytes = excluded.chunk_bytes; " +
            "DELETE FROM dvc_document_chunks WHERE sha256 = @sha;", connection, transaction))
        {
            blob.Parameters.AddWithValue("sha", sha256);
            blob.Parameters.AddWithValue("size", size);
            blob.Parameters.AddWithValue("chunk", ChunkBytes);
            await blob.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var chunk = new NpgsqlCommand("INSERT INTO dvc_document_chunks (sha256, seq, data) VALUES (@sha, @seq, @data)", connection, transaction))
        {
            var sha = chunk.Parameters.AddWithValue("sha", sha256);
            var seq = chunk.Parameters.Add("seq", NpgsqlDbType.Integer);
            var data = chunk.Parameters.Add("data", NpgsqlDbType.Bytea);
            var buffer = new byte[ChunkBytes];
            for (var index = 0; ; index++)
            {
                var filled = await file.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
                if (filled == 0 && index > 0)
                {
                    break;
                }

                seq.Value = index;
                data.Value = buffer.AsMemory(0, filled).ToArray();
                await chunk.ExecuteNonQueryAsync(cancellationToken);
                if (filled < buffer.Length)
                {
                    break;
                }
            }
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async IAsyncEnumerable<ReadOnlyMemory<byte>> ReadAsync(string sha256, long sizeBytes, long offset, long length,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // The whole content is checked first: nothing is sent unless every byte matches the hash taken at upload.
        var stored = await StoredSizeAsync(sha256, cancellationToken)
            ?? throw new DocumentDataLossException(sha256, "is missing from the document store");
        if (stored != sizeBytes || await HashOfStoredAsync(sha256, cancellationToken) != sha256)
        {
            throw new DocumentDataLossException(sha256, "does not match the SHA-256 taken at upload (the stored bytes are damaged)");
        }

        if (length == 0)
        {
            yield break;
        }

        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT c.seq, c.data, b.chunk_bytes FROM dvc_document_chunks c JOIN dvc_document_blobs b ON b.sha256 = c.sha256 " +
            "WHERE c.sha256 = @sha AND c.seq BETWEEN @first / b.chunk_bytes AND @last / b.chunk_bytes ORDER BY c.seq", connection);
        command.Parameters.AddWithValue("sha", sha256);
        command.Parameters.AddWithValue("first", offset);
        command.Parameters.AddWithValue("last", offset + length - 1);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var left = length;
        var position = offset;
        while (left > 0 && await reader.ReadAsync(cancellationToken))
        {
            var start = (long)reader.GetInt32(0) * reader.GetInt32(2);
            var data = reader.GetFieldValue<byte[]>(1);
            var from = (int)(position - start);
            while (from < data.Length && left > 0)
            {
                var take = (int)Math.Min(Math.Min(IDocumentStore.ReadPieceBytes, data.Length - from), left);
                yield return data.AsMemory(from, take);
                from += take;
                position += take;
                left -= take;
            }
        }

        if (left > 0)
        {
            throw new DocumentDataLossException(sha256, "ended early while it was read");
        }
    }

    private async Task<long?> StoredSizeAsync(string sha256, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("SELECT size_bytes FROM dvc_document_blobs WHERE sha256 = @sha");
        command.Parameters.AddWithValue("sha", sha256);
        return await command.ExecuteScalarAsync(cancellationToken) is long size ? size : null;
    }

    /// <summary>The SHA-256 of the chunks stored under a hash, in order (what a read would send).</summary>
    private async Task<string> HashOfStoredAsync(string sha256, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using var command = database.CreateCommand("SELECT data FROM dvc_document_chunks WHERE sha256 = @sha ORDER BY seq");
        command.Parameters.AddWithValue("sha", sha256);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            hash.AppendData(reader.GetFieldValue<byte[]>(0));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
