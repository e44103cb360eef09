using DossierTracking.GrpcApi.Security;
using DossierTracking.GrpcApi.V1;
using DossierTracking.IntegrationTests.Docs;
using DossierTracking.IntegrationTests.Infrastructure;
using Grpc.Core;
using static DossierTracking.IntegrationTests.Infrastructure.Requests;

namespace DossierTracking.IntegrationTests.Provinces;

/// <summary>
/// A silo serving Quảng Ninh (H49, the shipped catalogue) and a second province, H99, whose first catalogue is the
/// sample file docs/samples/h99-catalog.json (Quảng Ninh's province-level units under H99, each limit halved).
/// </summary>
internal static class TwoProvinces
{
    public const string Second = "H99";
    public const string SecondCentre = "H99.50";
    public const string SecondHomeAffairs = "H99.01";

    /// <summary>A level-3 procedure both provinces offer: 30 working days in Quảng Ninh, 15 in H99.</summary>
    public const string SharedProcedure = "1.001706";

    public static string SecondCatalogFile { get; } =
        Path.Combine(Path.GetDirectoryName(ReadmeWalkthroughs.ReadmePath())!, "docs", "samples", "h99-catalog.json");

    public static IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["Provinces:Served:0"] = "H49",
        ["Provinces:Served:1"] = Second,
        [$"Provinces:CatalogFiles:{Second}"] = SecondCatalogFile,
    };

    public static Task<TestHost> StartAsync(string? dataDirectory = null) => TestHost.StartAsync(dataDirectory, settings: Settings);

    public static Metadata As(string role, string subject, string agency = "") => TestTokens.Bearer(TestTokens.For(role, subject, agency));

    public static Metadata Supervisor(string province) => As(Roles.Supervisor, "sv-" + province.ToLowerInvariant(), province);

    /// <summary>A dossier of H99, submitted online at its centre and forwarded by its desk to its Department of Home Affairs.</summary>
    public static async Task<Dossier> SecondProvinceDossierAsync(TestHost host, string idNumber = "099090001234")
    {
        var desk = new Actor { Party = Party.DeskOfficer, PersonId = "mc-h99", AgencyCode = SecondCentre };
        var request = Submit(procedure: SharedProcedure, desk: SecondCentre);
        request.Applicant = Citizen(idNumber);
        var submitted = await host.Dossiers.SubmitDossierAsync(request);
        await host.Dossiers.AcceptDossierAsync(new AcceptDossierRequest { ReceiptCode = submitted.ReceiptCode, Actor = desk, RequestId = "acc" });
        return await host.Dossiers.ForwardDossierAsync(new ForwardDossierRequest { ReceiptCode = submitted.ReceiptCode, Actor = desk, RequestId = "fwd" });
    }

    /// <summary>A Quảng Ninh dossier at its Department of Construction.</summary>
    public static async Task<Dossier> QuangNinhDossierAsync(TestHost host)
    {
        var submitted = await host.Dossiers.SubmitDossierAsync(Submit());
        await host.Dossiers.AcceptDossierAsync(new AcceptDossierRequest { ReceiptCode = submitted.ReceiptCode, Actor = Desk(), RequestId = "acc" });
        return await host.Dossiers.ForwardDossierAsync(new ForwardDossierRequest { ReceiptCode = submitted.ReceiptCode, Actor = Desk(), RequestId = "fwd" });
    }

    /// <summary>Polls until <paramref name="done"/> holds; the bound only catches a value that never comes.</summary>
    public static Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done) => ReferenceData.ReferenceDataSupport.EventuallyAsync(read, done);

    public static async Task<RpcException> RefusedAsync(Func<Task> call) => await Assert.ThrowsAsync<RpcException>(call);

    /// <summary>The stable reason of a refusal (its ErrorInfo detail).</summary>
    public static string? Reason(RpcException e) => e.GetRpcStatus()?.GetDetail<Google.Rpc.ErrorInfo>()?.Reason;
}
