using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using DossierTracking.Contracts.Documents;

namespace DossierTracking.Silo.Documents;

/// <summary>
/// Documents as files under the data folder (with SQLite storage): <c>documents/ab/abcdef...</c>, named by their
/// SHA-256, so the same bytes are one file. A put writes a temporary file while hashing, flushes it to disk, and
/// renames it into place (then flushes the folder), so a stored document is whole and durable before the put returns;
/// a crash leaves at most a temporary file, removed at the next start. Bytes already stored are not written again,
/// unless the stored file no longer matches its name (a damaged file is replaced by the good bytes).
/// </summary>
public sealed class FileDocumentStore : IDocumentStore
{
    private const int BufferBytes = 81_920;
    private readonly string _root;
    private readonly string _temporary;

    public FileDocumentStore(string dataDirectory)
    {
        _root = Path.Combine(Path.GetFullPath(dataDirectory), "documents");
        _temporary = Path.Combine(_root, "tmp");
        Directory.CreateDirectory(_temporary);
        foreach (var leftover in Directory.EnumerateFiles(_temporary))
        {
            File.Delete(leftover);
        }
    }

    /// <summary>Where the bytes of a hash are kept (tests damage them there).</summary>
    public string PathOf(string sha256) => Path.Combine(_root, sha256[..2], sha256);

    public async Task<StoredBlob> PutAsync(Stream content, long maxBytes, CancellationToken cancellationToken)
    {
        var temporary = Path.Combine(_temporary, Guid.NewGuid().ToString("N"));
        try
        {
            string sha256;
            long size = 0;
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferBytes, FileOptions.Asynchronous))
            {
                using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                var buffer = new byte[BufferBytes];
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

                await file.FlushAsync(cancellationToken);
                file.Flush(flushToDisk: true);
                sha256 = Convert.ToHexStringLower(hash.GetHashAndReset());
            }

            var target = PathOf(sha256);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            if (File.Exists(target) && await MatchesAsync(target, sha256, size, cancellationToken))
            {
                return new StoredBlob(sha256, size, Written: false);
            }

            // Missing, or damaged: the new bytes are the good ones (their hash is the name).
            File.Move(temporary, target, overwrite: true);
            FlushFolder(Path.GetDirectoryName(target)!);
            return new StoredBlob(sha256, size, Written: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    public async IAsyncEnumerable<ReadOnlyMemory<byte>> ReadAsync(string sha256, long sizeBytes, long offset, long length,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        FileStream file;
        try
        {
            file = new FileStream(PathOf(sha256), FileMode.Open, FileAccess.Read, FileShare.Read, BufferBytes, FileOptions.Asynchronous);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new DocumentDataLossException(sha256, "is missing from the document store");
        }

        await using (file)
        {
            // The whole file is checked before the first byte leaves, through the same open file that is then read.
            var actual = file.Length == sizeBytes ? await HashOfAsync(file, cancellationToken) : null;
            if (actual != sha256)
            {
                throw new DocumentDataLossException(sha256, "does not match the SHA-256 taken at upload (the stored bytes are damaged)");
            }

            file.Position = offset;
            var buffer = new byte[IDocumentStore.ReadPieceBytes];
            var left = length;
            while (left > 0)
            {
                var read = await file.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, left)), cancellationToken);
                if (read == 0)
                {
                    throw new DocumentDataLossException(sha256, "ended early while it was read");
                }

                left -= read;
                yield return buffer.AsMemory(0, read);
            }
        }
    }

    private static async Task<bool> MatchesAsync(string path, string sha256, long size, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferBytes, FileOptions.Asynchronous);
        return file.Length == size && await HashOfAsync(file, cancellationToken) == sha256;
    }

    private static async Task<string> HashOfAsync(Stream stream, CancellationToken cancellationToken)
    {
        stream.Position = 0;
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
    }

    /// <summary>Makes a rename in <paramref name="folder"/> durable (POSIX: fsync of the folder). Windows needs nothing more.</summary>
    private static void FlushFolder(string folder)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return;
        }

        var descriptor = NativeMethods.Open(folder, 0);
        if (descriptor < 0)
        {
            throw new IOException($"Cannot open folder {folder} to flush it (errno {Marshal.GetLastPInvokeError()}).");
        }

        try
        {
            if (NativeMethods.Fsync(descriptor) != 0)
            {
                throw new IOException($"Cannot flush folder {folder} to disk (errno {Marshal.GetLastPInvokeError()}).");
            }
        }
        finally
        {
            _ = NativeMethods.Close(descriptor);
        }
    }
}
