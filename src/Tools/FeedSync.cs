using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using DossierTracking.GrpcApi.V1;
using Google.Protobuf.Reflection;
using Grpc.Core;

namespace DossierTracking.Tools;

/// <summary>
/// The reference consumer of the change feed: copies every change, in feed order, to a JSON Lines file (one object per
/// change) that is also its checkpoint. On start it finds the last complete line and resumes after its position,
/// cutting off a partial line that a crash left behind; each page is appended and flushed to disk before the next is
/// asked for. So however often it is stopped or killed, the file ends up with every change exactly once.
/// </summary>
public sealed class FeedSync(ChangeFeedService.ChangeFeedServiceClient client, string outputPath)
{
    private static readonly JsonWriterOptions LineOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false };
    private static readonly EnumDescriptor Actions = DossierReflection.Descriptor.FindTypeByName<EnumDescriptor>("DossierAction");
    private static readonly EnumDescriptor States = DossierReflection.Descriptor.FindTypeByName<EnumDescriptor>("DossierState");
    private static readonly EnumDescriptor Parties = DossierReflection.Descriptor.FindTypeByName<EnumDescriptor>("Party");

    /// <summary>Changes asked for per call (1-1000).</summary>
    public int PageSize { get; init; } = 500;

    /// <summary>With follow, how long to wait after a read that returned nothing.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Without follow, how many times a read that failed for a transient reason is tried before giving up.</summary>
    public int MaxAttempts { get; init; } = 6;

    /// <summary>Progress messages (pages written, retries); none when null.</summary>
    public TextWriter? Log { get; init; }

    /// <summary>
    /// Copies changes until a read returns nothing new (when <paramref name="follow"/> is false), or until
    /// <paramref name="cancellationToken"/> is cancelled. Cancellation is a normal end: the page being written is
    /// finished first, and the result says where the file stands.
    /// </summary>
    public async Task<FeedSyncResult> RunAsync(bool follow, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(PageSize, 1);
        var resumedAfter = Recover(outputPath);
        var position = resumedAfter;
        var written = 0L;
        var failures = 0;
        // The changes name dossiers and officers: a new file is readable by its owner only (0600) from its first byte.
        var options = new FileStreamOptions { Mode = FileMode.Append, Access = FileAccess.Write, Share = FileShare.Read };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using var output = new FileStream(outputPath, options);
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        while (!cancellationToken.IsCancellationRequested)
        {
            ReadChangesReply reply;
            try
            {
                reply = await client.ReadChangesAsync(new ReadChangesRequest { AfterPosition = position, PageSize = PageSize },
                    deadline: DateTime.UtcNow.AddSeconds(30), cancellationToken: cancellationToken);
                failures = 0;
            }
            catch (Exception e) when (cancellationToken.IsCancellationRequested && e is OperationCanceledException or RpcException)
            {
                break;
            }
            catch (RpcException e) when (e.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.Aborted)
            {
                failures++;
                if (!follow && failures >= MaxAttempts)
                {
                    throw;
                }

                var wait = TimeSpan.FromMilliseconds(Math.Min(5_000, 250 * Math.Pow(2, Math.Min(failures, 5))));
                Log?.WriteLine($"feed-sync: read after {position} failed ({e.StatusCode}: {e.Status.Detail}); retrying in {wait.TotalSeconds:0.##} s");
                if (!await Pause(wait, cancellationToken))
                {
                    break;
                }

                continue;
            }

            buffer.Clear();
            var lines = 0;
            foreach (var change in reply.Changes)
            {
                // A change at or below the checkpoint is already in the file.
                if (change.Position <= position)
                {
                    continue;
                }

                WriteLine(buffer, change);
                position = change.Position;
                lines++;
            }

            if (lines > 0)
            {
                // Not cancellable: a page is written whole, and on disk before the next read moves past it.
                output.Write(buffer.WrittenSpan);
                output.Flush(flushToDisk: true);
                written += lines;
                Log?.WriteLine($"feed-sync: +{lines} changes, position {position}");
            }

            if (reply.HasMore)
            {
                continue;
            }

            if (reply.Changes.Count == 0)
            {
                if (!follow || !await Pause(PollInterval, cancellationToken))
                {
                    break;
                }
            }
        }

        return new FeedSyncResult(resumedAfter, position, written);
    }

    /// <summary>
    /// The checkpoint: the position of the last complete, readable line of the file (0 for a missing or empty file).
    /// Anything after that line (a partial line from a crash mid-write, a damaged last line) is cut off, so appending
    /// carries on from a clean line boundary. Reads only the end of the file.
    /// </summary>
    public static long Recover(string path)
    {
        if (!File.Exists(path))
        {
            return 0;
        }

        using var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        var end = file.Length;
        while (end > 0)
        {
            var lastNewline = LastNewlineBefore(file, end);
            if (lastNewline < 0)
            {
                end = 0;
                break;
            }

            if (lastNewline != end - 1)
            {
                // A partial last line: drop it.
                end = lastNewline + 1;
                continue;
            }

            var start = LastNewlineBefore(file, lastNewline) + 1;
            if (TryReadPosition(file, start, lastNewline - start, out var position))
            {
                file.SetLength(end);
                file.Flush(flushToDisk: true);
                return position;
            }

            // A complete line that does not read: drop it as well; its change is fetched again.
            end = start;
        }

        file.SetLength(0);
        file.Flush(flushToDisk: true);
        return 0;
    }

    private static bool TryReadPosition(FileStream file, long start, long length, out long position)
    {
        position = 0;
        if (length is <= 0 or > 16 * 1024 * 1024)
        {
            return false;
        }

        var bytes = new byte[length];
        file.Position = start;
        file.ReadExactly(bytes);
        try
        {
            using var line = JsonDocument.Parse(bytes);
            return line.RootElement.ValueKind == JsonValueKind.Object
                && line.RootElement.TryGetProperty("position", out var value)
                && value.TryGetInt64(out position)
                && position > 0;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>The offset of the last '\n' before <paramref name="end"/>, or -1; reads backwards in blocks.</summary>
    private static long LastNewlineBefore(FileStream file, long end)
    {
        var block = new byte[64 * 1024];
        while (end > 0)
        {
            var start = Math.Max(0, end - block.Length);
            var length = (int)(end - start);
            file.Position = start;
            file.ReadExactly(block, 0, length);
            var index = block.AsSpan(0, length).LastIndexOf((byte)'\n');
            if (index >= 0)
            {
                return start + index;
            }

            end = start;
        }

        return -1;
    }

    private static async Task<bool> Pause(TimeSpan wait, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(wait, cancellationToken);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>One change as one line: the feed's fields, the history entry flattened, enum values by their .proto names.</summary>
    private static void WriteLine(ArrayBufferWriter<byte> buffer, FeedChange change)
    {
        using (var json = new Utf8JsonWriter(buffer, LineOptions))
        {
            json.WriteStartObject();
            json.WriteNumber("position", change.Position);
            json.WriteString("receipt_code", change.ReceiptCode);
            json.WriteNumber("version", change.Version);
            WriteTime(json, "committed_at", change.CommittedAt);
            if (change.Imported)
            {
                // Old news from the system the province ran before: the national portal has it already.
                json.WriteBoolean("imported", true);
            }

            if (change.Entry is { } entry)
            {
                json.WriteString("action", NameOf(entry.Action));
                json.WriteString("from_state", NameOf(entry.FromState));
                json.WriteNumber("from_state_code", (int)entry.FromState);
                json.WriteString("to_state", NameOf(entry.ToState));
                json.WriteNumber("to_state_code", (int)entry.ToState);
                WriteTime(json, "at", entry.At);
                json.WriteStartObject("actor");
                json.WriteString("party", NameOf(entry.Actor?.Party ?? Party.Unspecified));
                json.WriteString("person_id", entry.Actor?.PersonId ?? "");
                json.WriteString("person_name", entry.Actor?.PersonName ?? "");
                json.WriteString("agency_code", entry.Actor?.AgencyCode ?? "");
                json.WriteEndObject();
                json.WriteString("agency_code", entry.AgencyCode);
                json.WriteString("note", entry.Note);
                WriteTime(json, "step_due_at", entry.StepDueAt);
            }

            json.WriteString("procedure_code", change.ProcedureCode);
            json.WriteString("receiving_desk_code", change.ReceivingDeskCode);
            json.WriteString("handling_agency_code", change.HandlingAgencyCode);
            json.WriteEndObject();
        }

        buffer.Write("\n"u8);
    }

    private static void WriteTime(Utf8JsonWriter json, string name, Google.Protobuf.WellKnownTypes.Timestamp? time)
    {
        if (time is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, time.ToDateTimeOffset().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
        }
    }

    private static string NameOf(DossierAction value) => NameOf(Actions, (int)value);

    private static string NameOf(DossierState value) => NameOf(States, (int)value);

    private static string NameOf(Party value) => NameOf(Parties, (int)value);

    private static string NameOf(EnumDescriptor descriptor, int number) =>
        descriptor.FindValueByNumber(number)?.Name ?? number.ToString(CultureInfo.InvariantCulture);
}

/// <summary>Where a run started and ended, and how many changes it appended.</summary>
public sealed record FeedSyncResult(long ResumedAfter, long LastPosition, long Written);
