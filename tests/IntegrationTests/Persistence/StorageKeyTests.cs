using DossierTracking.Contracts.Dossiers;
using DossierTracking.Domain.Dossiers;
using DossierTracking.Grains.Dossiers;
using DossierTracking.Grains.Storage;
using DossierTracking.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace DossierTracking.IntegrationTests.Persistence;

/// <summary>
/// The ADO.NET provider keys rows by (service, state name, key) and parses hex-looking string keys as integers.
/// These tests go straight to the configured provider to show the trap and that the project's keys avoid it.
/// </summary>
public abstract class StorageKeyTests
{
    protected abstract IGrainStorage Storage { get; }

    private IGrainStorage StorageProvider => Storage;

    private static readonly Actor Caller = new() { Party = Party.Portal, PersonId = "dvc-portal" };

    [Fact]
    public async Task Raw_hex_looking_keys_collide_in_the_provider()
    {
        await Write("trap-probe", "20235", 7);
        Assert.Equal(7, await Read("trap-probe", "020235"));
    }

    [Fact]
    public async Task Keys_built_by_the_project_never_collide()
    {
        await Write(StorageNames.SubmissionState, GrainKeys.Submission(Caller, "30235"), 1);
        await Write(StorageNames.SubmissionState, GrainKeys.Submission(Caller, "030235"), 2);
        Assert.Equal(1, await Read(StorageNames.SubmissionState, GrainKeys.Submission(Caller, "30235")));
        Assert.Equal(2, await Read(StorageNames.SubmissionState, GrainKeys.Submission(Caller, "030235")));
    }

    [Fact]
    public async Task The_same_key_under_two_state_names_is_two_rows()
    {
        const string key = "req/shared-key";
        await Write(StorageNames.SubmissionState, key, 11);
        await Write(StorageNames.ReceiptSequenceState, key, 22);
        Assert.Equal(11, await Read(StorageNames.SubmissionState, key));
        Assert.Equal(22, await Read(StorageNames.ReceiptSequenceState, key));
    }

    [Fact]
    public async Task A_write_with_a_stale_version_is_refused()
    {
        var id = GrainId.Create("test", "seq/H49.50/" + Guid.NewGuid().ToString("N"));
        var first = new GrainState<ReceiptSequenceRecord>(new ReceiptSequenceRecord { Reserved = 100 });
        await StorageProvider.WriteStateAsync(StorageNames.ReceiptSequenceState, id, first);
        var stale = new GrainState<ReceiptSequenceRecord>(new ReceiptSequenceRecord { Reserved = 100 });
        await StorageProvider.ReadStateAsync(StorageNames.ReceiptSequenceState, id, stale);
        first.State!.Reserved = 200;
        await StorageProvider.WriteStateAsync(StorageNames.ReceiptSequenceState, id, first);

        stale.State!.Reserved = 200;
        await Assert.ThrowsAsync<InconsistentStateException>(() => StorageProvider.WriteStateAsync(StorageNames.ReceiptSequenceState, id, stale));

        var fresh = new GrainState<ReceiptSequenceRecord>(new ReceiptSequenceRecord());
        await Assert.ThrowsAsync<InconsistentStateException>(() => StorageProvider.WriteStateAsync(StorageNames.ReceiptSequenceState, id, fresh));
    }

    private async Task Write(string stateName, string key, long value)
    {
        var state = new GrainState<ReceiptSequenceRecord>(new ReceiptSequenceRecord());
        var id = GrainId.Create("test", key);
        await StorageProvider.ReadStateAsync(stateName, id, state);
        state.State!.Reserved = value;
        await StorageProvider.WriteStateAsync(stateName, id, state);
    }

    private async Task<long> Read(string stateName, string key)
    {
        var state = new GrainState<ReceiptSequenceRecord>(new ReceiptSequenceRecord());
        await StorageProvider.ReadStateAsync(stateName, GrainId.Create("test", key), state);
        return state.State!.Reserved;
    }
}

public sealed class SqliteStorageKeyTests(HostFixture fixture) : StorageKeyTests, IClassFixture<HostFixture>
{
    protected override IGrainStorage Storage { get; } = fixture.Host.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Dossiers);
}
