using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using DossierTracking.Contracts.Catalog;
using DossierTracking.Contracts.Dossiers;
using DossierTracking.GrpcApi.Errors;
using DossierTracking.GrpcApi.Mapping;
using DossierTracking.GrpcApi.Probe;
using DossierTracking.GrpcApi.Validation;
using DossierTracking.Silo.Configuration;
using DossierTracking.Silo.Storage;
using DossierTracking.Grains.Storage;
using Grpc.Core;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using static DossierTracking.Silo.Storage.DbCommandParameters;

namespace DossierTracking.Silo.Diagnostics;

/// <summary>
/// The load test's ceilings, measured on the same host and port as the real API: an echo that does no work and a
/// raw single-statement upsert and a raw read of one stored dossier row, both bypassing the grains. Enabled only by <see cref="DiagnosticsOptions.EnableProbe"/>.
/// </summary>
public sealed class ProbeApiService(IGrainFactory grains, IProvinces provinces, StorageConnections connections, IOptions<ClusterOptions> cluster) : ProbeService.ProbeServiceBase
{
    private static readonly ConcurrentDictionary<string, GrpcApi.V1.Dossier> Templates = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<int, byte[]> Payloads = new();

    public override Task<GrpcApi.V1.Dossier> Echo(EchoRequest request, ServerCallContext context) => Template(request.TemplateReceiptCode);

    public override async Task<GrpcApi.V1.Dossier> Select(SelectRequest request, ServerCallContext context)
    {
        var code = Input.ReceiptCodeOf(request.ReceiptCode, "receipt_code");
        await using var connection = await connections.OpenAsync(context.CancellationToken);
        await using var command = connection.CreateCommand();
        // The statement the dossiers' storage provider reads a grain's state with (migrations 0001), for the same row.
        command.CommandText = "SELECT payload, version FROM dvc_grain_state WHERE service_id = @s AND state_name = @n AND key_text = @k AND key_n0 = 0 AND key_n1 = 0";
        Add(command, "s", cluster.Value.ServiceId);
        Add(command, "n", StorageNames.DossierState);
        Add(command, "k", code);
        await using var reader = await command.ExecuteReaderAsync(context.CancellationToken);
        if (!await reader.ReadAsync(context.CancellationToken) || reader.IsDBNull(0))
        {
            throw new RpcException(new Status(StatusCode.NotFound, $"No stored dossier {code}."));
        }

        _ = (byte[])reader.GetValue(0);
        return await Template(request.TemplateReceiptCode);
    }

    private async Task<GrpcApi.V1.Dossier> Template(string templateCode)
    {
        if (Templates.TryGetValue(templateCode, out var template))
        {
            return template;
        }

        var code = Input.ReceiptCodeOf(templateCode, "template_receipt_code");
        var reply = await grains.GetGrain<IDossierGrain>(code).GetAsync();
        if (reply.Failure is { } failure)
        {
            throw ApiErrors.FromFailure(failure);
        }

        return Templates.GetOrAdd(code, DossierMapper.ToProto(reply.Dossier!, provinces));
    }

    public override async Task<UpsertReply> Upsert(UpsertRequest request, ServerCallContext context)
    {
        if (request.Key.Length is 0 or > 200 || request.PayloadBytes is < 0 or > 1_000_000)
        {
            throw ApiErrors.Invalid("key", "INVALID_PROBE", "key is 1-200 characters and payload_bytes 0-1000000.");
        }

        var payload = Payloads.GetOrAdd(request.PayloadBytes, size =>
        {
            var bytes = new byte[size];
            Random.Shared.NextBytes(bytes);
            return bytes;
        });
        await using var connection = await connections.OpenAsync(context.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = connections.Backend == StorageBackend.PostgreSql
            ? "INSERT INTO dvc_probe AS p (probe_key, version, payload, modified_at) VALUES (@k, 1, @p, now()) " +
              "ON CONFLICT (probe_key) DO UPDATE SET version = p.version + 1, payload = EXCLUDED.payload, modified_at = EXCLUDED.modified_at RETURNING p.version"
            : "INSERT INTO dvc_probe (probe_key, version, payload, modified_at) VALUES (@k, 1, @p, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) " +
              "ON CONFLICT (probe_key) DO UPDATE SET version = dvc_probe.version + 1, payload = excluded.payload, modified_at = excluded.modified_at RETURNING version";
        Add(command, "k", request.Key);
        Add(command, "p", payload);
        var version = Convert.ToInt64(await command.ExecuteScalarAsync(context.CancellationToken));
        return new UpsertReply { Version = version };
    }

    public override async Task<StatsReply> GetStats(StatsRequest request, ServerCallContext context)
    {
        var process = Process.GetCurrentProcess();
        var management = grains.GetGrain<IManagementGrain>(0);
        var reply = new StatsReply
        {
            ProcessId = Environment.ProcessId,
            CpuTimeMs = (long)process.TotalProcessorTime.TotalMilliseconds,
            WorkingSetBytes = process.WorkingSet64,
            ManagedHeapBytes = GC.GetTotalMemory(forceFullCollection: request.CollectGarbage),
            ActiveSilos = (await management.GetHosts(onlyActive: true)).Count,
            Storage = connections.Description,
        };
        foreach (var statistic in await management.GetSimpleGrainStatistics())
        {
            reply.ActivationsByType[statistic.GrainType] = reply.ActivationsByType.GetValueOrDefault(statistic.GrainType) + statistic.ActivationCount;
        }

        if (request.WithRowSize)
        {
            await using var connection = await connections.OpenAsync(context.CancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT COALESCE(AVG(LENGTH(payload)), 0) FROM dvc_grain_state WHERE state_name = 'dossier'";
            reply.AverageDossierRowBytes = Convert.ToInt64(await command.ExecuteScalarAsync(context.CancellationToken));
        }

        return reply;
    }

    public override async Task<ReleaseAllReply> ReleaseAll(ReleaseAllRequest request, ServerCallContext context)
    {
        var management = grains.GetGrain<IManagementGrain>(0);
        var before = (await management.GetSimpleGrainStatistics()).Sum(s => (long)s.ActivationCount);
        await management.ForceActivationCollection(TimeSpan.Zero);
        return new ReleaseAllReply { ActivationsBefore = before };
    }
}
