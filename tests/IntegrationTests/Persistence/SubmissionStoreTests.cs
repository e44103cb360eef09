using DossierTracking.Contracts.Dossiers;
using DossierTracking.Domain.Dossiers;
using DossierTracking.Grains.Dossiers;
using DossierTracking.Grains.Storage;
using DossierTracking.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace DossierTracking.IntegrationTests.Persistence;

/// <summary>
/// A submission's one write: the request's row and the dossier's row go in together or not at all, and read back
/// through the storage provider as rows it wrote itself (same keys, payload format and version), so the dossier's next
/// change, a retry and every reader find them.
/// </summary>
public abstract class SubmissionStoreTests
{
    private static readonly Actor Portal = new() { Party = Party.Portal, PersonId = "dvc-portal" };

    protected abstract IServiceProvider Services { get; }

    private IGrainStorage Storage => Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Dossiers);

    private IDossierSubmissions Submissions => Services.GetRequiredService<IDossierSubmissions>();

    private IGrainFactory Grains => Services.GetRequiredService<IGrainFactory>();

    [Fact]
    public async Task Both_rows_are_stored_and_read_back_through_the_provider_at_version_1()
    {
        var (requestRow, code) = Fresh();
        var dossier = Record(code, "r-1");

        var written = await Submissions.InsertAsync(requestRow, new SubmissionRecord { ReceiptCode = code, Fingerprint = "f-1" }, DossierRow(code),
            new DossierSlot { Dossier = dossier });

        Assert.Null(written.Taken);
        var request = await Read<SubmissionRecord>(StorageNames.SubmissionState, requestRow);
        Assert.Equal((code, "f-1", "1"), (request.State!.ReceiptCode, request.State.Fingerprint, request.ETag));
        var slot = await Read<DossierSlot>(StorageNames.DossierState, DossierRow(code));
        Assert.Equal((code, "r-1", written.ETag), (slot.State!.Dossier?.ReceiptCode, slot.State.Dossier?.RequestId, slot.ETag));

        // The version tag handed back is the one the provider checks: a write with it succeeds, and then it is stale.
        slot.State.Dossier = dossier with { Version = 2 };
        var adopted = new GrainState<DossierSlot>(slot.State) { ETag = written.ETag, RecordExists = true };
        await Storage.WriteStateAsync(StorageNames.DossierState, DossierRow(code), adopted);
        var stale = new GrainState<DossierSlot>(slot.State) { ETag = written.ETag, RecordExists = true };
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync(StorageNames.DossierState, DossierRow(code), stale));
    }

    [Fact]
    public async Task A_taken_request_id_writes_nothing_and_returns_the_stored_row()
    {
        var (requestRow, first) = Fresh();
        await Submissions.InsertAsync(requestRow, new SubmissionRecord { ReceiptCode = first, Fingerprint = "f-1" }, DossierRow(first),
            new DossierSlot { Dossier = Record(first, "r-1") });

        var second = "H49.50-" + Guid.NewGuid().ToString("N");
        var again = await Submissions.InsertAsync(requestRow, new SubmissionRecord { ReceiptCode = second, Fingerprint = "f-2" }, DossierRow(second),
            new DossierSlot { Dossier = Record(second, "r-2") });

        Assert.Equal((first, "f-1"), (again.Taken?.ReceiptCode, again.Taken?.Fingerprint));
        Assert.Null(again.ETag);
        Assert.Null((await Read<DossierSlot>(StorageNames.DossierState, DossierRow(second))).ETag);
        Assert.Equal(first, (await Read<SubmissionRecord>(StorageNames.SubmissionState, requestRow)).State!.ReceiptCode);
    }

    [Fact]
    public async Task A_code_that_has_a_row_refuses_the_insert_and_leaves_the_request_unbound()
    {
        var (requestRow, code) = Fresh();
        await Storage.WriteStateAsync(StorageNames.DossierState, DossierRow(code),
            new GrainState<DossierSlot>(new DossierSlot { Dossier = Record(code, "someone-else") }));

        await Assert.ThrowsAsync<InconsistentStateException>(() => Submissions.InsertAsync(requestRow,
            new SubmissionRecord { ReceiptCode = code, Fingerprint = "f-1" }, DossierRow(code), new DossierSlot { Dossier = Record(code, "r-1") }));

        Assert.Null((await Read<SubmissionRecord>(StorageNames.SubmissionState, requestRow)).ETag);
        Assert.Equal("someone-else", (await Read<DossierSlot>(StorageNames.DossierState, DossierRow(code))).State!.Dossier?.RequestId);
    }

    [Fact]
    public async Task A_request_row_left_without_its_dossier_by_an_older_version_gets_its_dossier_on_the_retry()
    {
        // Versions before the one write stored the request's row, then the dossier's: a crash between them left this.
        var requestId = "legacy-" + Guid.NewGuid().ToString("N");
        var request = NewDossier(requestId);
        var code = ReceiptCode.Format("H49.50", new DateOnly(2020, 11, 30), Random.Shared.Next(900_000, 999_999));
        await Storage.WriteStateAsync(StorageNames.SubmissionState, DossierIntakeGrain.SubmissionRowId(Portal, requestId),
            new GrainState<SubmissionRecord>(new SubmissionRecord { ReceiptCode = code, Fingerprint = DossierDecider.Fingerprint(request) }));

        var reply = await Grains.GetGrain<IDossierIntakeGrain>(0).SubmitAsync(request);

        Assert.Equal(code, reply.Dossier?.ReceiptCode);
        var retry = await Grains.GetGrain<IDossierIntakeGrain>(0).SubmitAsync(request);
        Assert.Equal((code, 1L), (retry.Dossier?.ReceiptCode, retry.Dossier?.Version));
        var reused = await Grains.GetGrain<IDossierIntakeGrain>(0).SubmitAsync(request with { Applicant = request.Applicant with { FullName = "Trần Thị Lan" } });
        Assert.Equal("REQUEST_ID_REUSED", reused.Failure?.Reason);
    }

    [Fact]
    public async Task A_submitted_dossier_takes_its_next_change_and_a_retry_gets_the_first_answer()
    {
        var request = NewDossier("one-write-" + Guid.NewGuid().ToString("N"));
        var created = await Grains.GetGrain<IDossierIntakeGrain>(0).SubmitAsync(request);
        var code = created.Dossier!.ReceiptCode;
        Assert.Matches("^[0-9]{8}$", created.LookupPin);

        var officer = new Actor { Party = Party.DeskOfficer, PersonId = "one-write", AgencyCode = "H49.50" };
        var accepted = await Grains.GetGrain<IDossierGrain>(code).AcceptAsync(new ActionContext { Actor = officer });
        Assert.Equal((DossierState.Received, 2L), (accepted.Dossier?.State, accepted.Dossier?.Version));

        var retry = await Grains.GetGrain<IDossierIntakeGrain>(0).SubmitAsync(request);
        Assert.Equal((code, 2L), (retry.Dossier?.ReceiptCode, retry.Dossier?.Version));
        Assert.True(string.IsNullOrEmpty(retry.LookupPin));
    }

    [Fact]
    public async Task Concurrent_submissions_of_one_request_make_one_dossier()
    {
        var request = NewDossier("concurrent-" + Guid.NewGuid().ToString("N"));

        var replies = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Grains.GetGrain<IDossierIntakeGrain>(0).SubmitAsync(request)));

        Assert.All(replies, r => Assert.Null(r.Failure));
        var code = Assert.Single(replies.Select(r => r.Dossier!.ReceiptCode).Distinct());
        Assert.Equal(1, replies.Count(r => !string.IsNullOrEmpty(r.LookupPin)));
        Assert.Equal(code, (await Read<SubmissionRecord>(StorageNames.SubmissionState, DossierIntakeGrain.SubmissionRowId(Portal, request.RequestId))).State!.ReceiptCode);
    }

    private static NewDossier NewDossier(string requestId) => new()
    {
        RequestId = requestId,
        ProcedureCode = "1.003205",
        ReceivingDeskCode = "H49.50",
        Channel = Channel.Online,
        Applicant = new Applicant { Kind = ApplicantKind.Citizen, FullName = "Vũ Văn Hùng", IdNumber = "022190005555" },
        Actor = Portal,
    };

    /// <summary>A dossier record as the domain makes one at submission.</summary>
    private DossierRecord Record(string code, string requestId) =>
        Services.GetRequiredService<DossierDecider>().Create(NewDossier(requestId), code, DateTimeOffset.UtcNow, LookupPin.Hash("12345678")).Next!;

    private static (GrainId RequestRow, string Code) Fresh() =>
        (DossierIntakeGrain.SubmissionRowId(Portal, "store-" + Guid.NewGuid().ToString("N")), "H49.50-" + Guid.NewGuid().ToString("N"));

    private static GrainId DossierRow(string code) => GrainId.Create("dossier", code);

    private async Task<GrainState<T>> Read<T>(string stateName, GrainId id)
        where T : class, new()
    {
        var state = new GrainState<T>(new T());
        await Storage.ReadStateAsync(stateName, id, state);
        return state;
    }
}

public sealed class SqliteSubmissionStoreTests(HostFixture fixture) : SubmissionStoreTests, IClassFixture<HostFixture>
{
    protected override IServiceProvider Services { get; } = fixture.Host.Services;
}
