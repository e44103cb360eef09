using System.Collections.Concurrent;
using System.Text.Json;
using DossierTracking.GrpcApi.V1;
using Grpc.Core;
using static DossierTracking.IntegrationTests.Infrastructure.Requests;

namespace DossierTracking.IntegrationTests.Feed;

/// <summary>Dossier lifecycles to fill the feed, and the checks that the feed (or a consumer's copy) is exact.</summary>
public static class FeedSupport
{
    /// <summary>A (receipt code, version) pair: one change.</summary>
    public readonly record struct ChangeKey(string ReceiptCode, long Version);

    /// <summary>
    /// The steps of one dossier after its submission (permit adjustment at the province centre, Department of
    /// Construction): a random prefix of the happy path, or a refusal at intake.
    /// </summary>
    public static IReadOnlyList<Func<DossierService.DossierServiceClient, string, Task<Dossier>>> RandomSteps(Random random)
    {
        if (random.Next(8) == 0)
        {
            return [(api, code) => api.RefuseIntakeAsync(new RefuseIntakeRequest { ReceiptCode = code, Actor = Desk(), Reason = "Hồ sơ không hợp lệ" }).ResponseAsync];
        }

        List<Func<DossierService.DossierServiceClient, string, Task<Dossier>>> path =
        [
            (api, code) => api.AcceptDossierAsync(new AcceptDossierRequest { ReceiptCode = code, Actor = Desk() }).ResponseAsync,
            (api, code) => api.ForwardDossierAsync(new ForwardDossierRequest { ReceiptCode = code, Actor = Desk(), Note = "Chuyển Sở Xây dựng" }).ResponseAsync,
            (api, code) => api.RecordStepAsync(new RecordStepRequest { ReceiptCode = code, Actor = Officer(), Step = "Thẩm định hồ sơ" }).ResponseAsync,
            (api, code) => api.RequestSupplementAsync(new RequestSupplementRequest
            {
                ReceiptCode = code, Actor = Officer(), MissingItems = { "Bản vẽ thiết kế" }, Reason = "Thiếu bản vẽ", Deadline = At(DateTimeOffset.UtcNow.AddDays(30)),
            }).ResponseAsync,
            (api, code) => api.ReceiveSupplementAsync(new ReceiveSupplementRequest { ReceiptCode = code, Actor = Desk() }).ResponseAsync,
            (api, code) => api.RecordResultAsync(new RecordResultRequest { ReceiptCode = code, Actor = Officer(), Result = ResultKind.Approved, DocumentRef = "GPXD-118" }).ResponseAsync,
            (api, code) => api.ReturnResultAsync(new ReturnResultRequest { ReceiptCode = code, Actor = Desk(), Method = ReturnMethod.InPerson }).ResponseAsync,
        ];
        return path.Take(random.Next(path.Count + 1)).ToList();
    }

    /// <summary>
    /// <paramref name="workers"/> concurrent writers, each creating <paramref name="dossiersPerWorker"/> dossiers and
    /// moving each along its random steps, with short pauses. Returns the receipt codes.
    /// </summary>
    public static async Task<IReadOnlyCollection<string>> WriteConcurrentlyAsync(DossierService.DossierServiceClient api, int workers, int dossiersPerWorker,
        int seed, TimeSpan maxPause = default)
    {
        var codes = new ConcurrentBag<string>();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
        {
            var random = new Random(seed + w);
            for (var i = 0; i < dossiersPerWorker; i++)
            {
                var code = (await api.SubmitDossierAsync(Submit())).ReceiptCode;
                codes.Add(code);
                foreach (var step in RandomSteps(random))
                {
                    if (maxPause > TimeSpan.Zero)
                    {
                        await Task.Delay(random.Next((int)maxPause.TotalMilliseconds + 1));
                    }

                    await step(api, code);
                }
            }
        })));
        return codes;
    }

    /// <summary>The dossiers as they stand now, by receipt code.</summary>
    public static async Task<Dictionary<string, Dossier>> GetAllAsync(DossierService.DossierServiceClient api, IEnumerable<string> codes)
    {
        var dossiers = new Dictionary<string, Dossier>();
        foreach (var code in codes)
        {
            dossiers[code] = await api.GetDossierAsync(new GetDossierRequest { ReceiptCode = code });
        }

        return dossiers;
    }

    /// <summary>Reads the feed from <paramref name="after"/> until a read returns nothing, checking each page's bookkeeping.</summary>
    public static async Task<List<FeedChange>> ReadAllAsync(ChangeFeedService.ChangeFeedServiceClient feed, int pageSize, long after = 0)
    {
        var changes = new List<FeedChange>();
        while (true)
        {
            var reply = await feed.ReadChangesAsync(new ReadChangesRequest { AfterPosition = after, PageSize = pageSize });
            Assert.True(reply.Changes.Count <= pageSize, $"{reply.Changes.Count} changes in a page of {pageSize}");
            Assert.Equal(reply.Changes.Count > 0 ? reply.Changes[^1].Position : after, reply.NextPosition);
            if (reply.HasMore)
            {
                Assert.Equal(pageSize, reply.Changes.Count);
            }

            changes.AddRange(reply.Changes);
            if (reply.Changes.Count == 0)
            {
                Assert.False(reply.HasMore);
                return changes;
            }

            after = reply.NextPosition;
        }
    }

    /// <summary>
    /// The feed holds every change of every dossier exactly once and nothing else; positions strictly ascend; each
    /// dossier's versions ascend; each change carries the dossier's own history entry of that version and its codes.
    /// </summary>
    public static void AssertExact(IReadOnlyList<FeedChange> changes, IReadOnlyDictionary<string, Dossier> dossiers)
    {
        AssertExact(changes.Select(c => (c.Position, new ChangeKey(c.ReceiptCode, c.Version))).ToList(),
            dossiers.ToDictionary(d => d.Key, d => d.Value.Version));
        foreach (var change in changes)
        {
            var dossier = dossiers[change.ReceiptCode];
            var entry = dossier.History.Single(h => h.Version == change.Version);
            Assert.Equal(entry, change.Entry);
            Assert.Equal(change.Version, change.Entry.Version);
            Assert.Equal(dossier.ProcedureCode, change.ProcedureCode);
            Assert.Equal(dossier.ReceivingDeskCode, change.ReceivingDeskCode);
            Assert.Equal(dossier.HandlingAgencyCode, change.HandlingAgencyCode);
            Assert.NotNull(change.CommittedAt);
        }
    }

    /// <summary>The sequence (position, change) holds versions 1..current of each dossier exactly once, in order, and nothing else.</summary>
    public static void AssertExact(IReadOnlyList<(long Position, ChangeKey Change)> sequence, IReadOnlyDictionary<string, long> currentVersions)
    {
        for (var i = 1; i < sequence.Count; i++)
        {
            Assert.True(sequence[i].Position > sequence[i - 1].Position,
                $"position {sequence[i].Position} after {sequence[i - 1].Position}");
        }

        var doubled = sequence.GroupBy(s => s.Change).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(doubled.Count == 0, $"{doubled.Count} changes appear more than once, e.g. {string.Join(", ", doubled.Take(5))}");

        var expected = currentVersions.SelectMany(d => Enumerable.Range(1, (int)d.Value).Select(v => new ChangeKey(d.Key, v))).ToHashSet();
        var seen = sequence.Select(s => s.Change).ToHashSet();
        var missing = expected.Except(seen).ToList();
        var extra = seen.Except(expected).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} of {expected.Count} changes missing, e.g. {string.Join(", ", missing.Take(5))}");
        Assert.True(extra.Count == 0, $"{extra.Count} changes that no dossier has, e.g. {string.Join(", ", extra.Take(5))}");

        foreach (var dossier in sequence.GroupBy(s => s.Change.ReceiptCode))
        {
            var versions = dossier.Select(s => s.Change.Version).ToList();
            Assert.True(versions.SequenceEqual(versions.Order()), $"{dossier.Key}: versions in feed order {string.Join(",", versions)}");
        }
    }

    /// <summary>The reference consumer's file: one JSON object per line, each a change.</summary>
    public static List<(long Position, ChangeKey Change, JsonElement Line)> ReadConsumerFile(string path)
    {
        var text = File.ReadAllText(path);
        Assert.True(text.Length == 0 || text.EndsWith('\n'), "the file ends in a partial line");
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement.Clone())
            .Select(e => (e.GetProperty("position").GetInt64(), new ChangeKey(e.GetProperty("receipt_code").GetString()!, e.GetProperty("version").GetInt64()), e))
            .ToList();
    }

    public static async Task<T> EventuallyAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var value = await probe();
            if (done(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"{what}: not reached within {timeout}; last value {value}");
            }

            await Task.Delay(50);
        }
    }

    public static void AssertInvalid(RpcException error, string field)
    {
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        var badRequest = error.GetRpcStatus()!.GetDetail<Google.Rpc.BadRequest>();
        Assert.Equal(field, Assert.Single(badRequest.FieldViolations).Field);
    }
}
