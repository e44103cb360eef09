using DossierTracking.IntegrationTests.Infrastructure;
using Npgsql;
using static DossierTracking.IntegrationTests.Documents.DocumentScenarios;

namespace DossierTracking.IntegrationTests.Documents;

/// <summary>The dossier's papers on PostgreSQL: the documents as a table of chunks beside the dossiers.</summary>
[Collection(PostgresCollection.Name)]
public sealed class DocumentPostgresTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Papers_go_in_and_come_out_byte_identical_with_their_hash_through_a_restart_stored_once_and_limits_hold()
    {
        var settings = await postgres.NewDatabaseSettingsAsync();
        await PapersGoInAndComeOutByteIdenticalThroughARestartAsync(settings, async _ =>
            (int)await ScalarAsync(settings, "SELECT count(*) FROM dvc_document_blobs"));
    }

    [Fact]
    public async Task Access_rules_hold_and_a_damaged_chunk_is_DATA_LOSS_with_no_byte_sent()
    {
        var settings = await postgres.NewDatabaseSettingsAsync();
        await using var host = await TestHost.StartAsync(settings: Limits(settings));
        await OnlyThoseHoldingTheDossierTheApplicantAndSyncDownloadAsync(host);
        await ADamagedDocumentIsDataLossAndNoByteIsSentAsync(host, async sha256 =>
        {
            var changed = await ScalarAsync(settings,
                $"WITH c AS (UPDATE dvc_document_chunks SET data = set_byte(data, 1000, (get_byte(data, 1000) + 1) % 256) WHERE sha256 = '{sha256}' AND seq = 0 RETURNING 1) SELECT count(*) FROM c");
            Assert.Equal(1, changed);
        });
    }

    private static async Task<long> ScalarAsync(IReadOnlyDictionary<string, string?> settings, string sql)
    {
        await using var database = NpgsqlDataSource.Create(settings["Storage:ConnectionString"]!);
        await using var command = database.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
