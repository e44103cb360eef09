using DossierTracking.GrpcApi.V1;
using Grpc.Core;

namespace DossierTracking.LoadTests.Workload;

/// <summary>The province's procedures and agencies as the public CatalogService serves them, every page.</summary>
public sealed class CatalogueSnapshot
{
    private const int PageSize = 100;

    public required IReadOnlyList<Procedure> Procedures { get; init; }
    public required IReadOnlyList<Agency> Agencies { get; init; }
    public required string Version { get; init; }

    public static async Task<CatalogueSnapshot> LoadAsync(CatalogService.CatalogServiceClient catalog, CancellationToken cancellationToken)
    {
        var procedures = new List<Procedure>();
        var agencies = new List<Agency>();
        var version = "";
        var token = "";
        do
        {
            var page = await catalog.ListProceduresAsync(
                new ListProceduresRequest { PageSize = PageSize, PageToken = token },
                new CallOptions(deadline: Deadline(), cancellationToken: cancellationToken));
            procedures.AddRange(page.Procedures);
            version = page.CatalogVersion;
            token = page.NextPageToken;
        }
        while (token.Length > 0);

        do
        {
            var page = await catalog.ListAgenciesAsync(
                new ListAgenciesRequest { PageSize = PageSize, PageToken = token },
                new CallOptions(deadline: Deadline(), cancellationToken: cancellationToken));
            agencies.AddRange(page.Agencies);
            token = page.NextPageToken;
        }
        while (token.Length > 0);

        return new CatalogueSnapshot { Procedures = procedures, Agencies = agencies, Version = version };
    }

    private static DateTime Deadline() => DateTime.UtcNow.AddSeconds(30);
}
