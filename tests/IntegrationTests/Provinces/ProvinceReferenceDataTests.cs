using System.Text.Json.Nodes;
using DossierTracking.Domain.Calendar;
using DossierTracking.GrpcApi.Security;
using DossierTracking.GrpcApi.V1;
using DossierTracking.IntegrationTests.Infrastructure;
using DossierTracking.Silo.Storage;
using Grpc.Core;
using Microsoft.Extensions.Options;
using static DossierTracking.IntegrationTests.Provinces.TwoProvinces;

namespace DossierTracking.IntegrationTests.Provinces;

/// <summary>Each province's catalogue is its own data: versioned, published and loaded per province; the calendar is national.</summary>
public sealed class ProvinceReferenceDataTests
{
    private static readonly Metadata Admin = As(Roles.Administrator, "qtv-01");

    [Fact]
    public async Task A_provinces_catalogue_is_published_for_it_alone_and_survives_a_restart()
    {
        var data = TestHost.NewDataDirectory();
        var host = await StartAsync(data);
        var reference = new ReferenceDataService.ReferenceDataServiceClient(host.Channel);

        var seeded = await reference.ListReferenceDataVersionsAsync(new ListReferenceDataVersionsRequest { Kind = "catalog", ProvinceCode = Second }, Admin);
        Assert.Equal((1L, "seed", Second), (seeded.Versions.Single().Version, seeded.Versions.Single().PublishedBy, seeded.Versions.Single().ProvinceCode));
        Assert.Equal(1, seeded.InForceVersion);

        var published = await reference.PublishReferenceDataAsync(new PublishReferenceDataRequest
        {
            Kind = "catalog", ProvinceCode = Second, Content = SecondCatalogWithLimit(7), ExpectedCurrentVersion = 1,
        }, Admin);
        Assert.Equal((2L, Second), (published.Version, published.ProvinceCode));
        Assert.Equal(7, (await host.Catalog.GetProcedureAsync(new GetProcedureRequest { Code = SharedProcedure, ProvinceCode = Second })).Limit.Value);
        Assert.Equal(30, (await host.Catalog.GetProcedureAsync(new GetProcedureRequest { Code = SharedProcedure, ProvinceCode = "H49" })).Limit.Value);
        var quangNinh = await reference.ListReferenceDataVersionsAsync(new ListReferenceDataVersionsRequest { Kind = "catalog", ProvinceCode = "H49" }, Admin);
        Assert.Equal([1L], quangNinh.Versions.Select(v => v.Version));

        // A dossier received after it is decided under it: its clock runs 7 working days from its reception.
        var dossier = await SecondProvinceDossierAsync(host);
        var received = dossier.ReceivedAt.ToDateTimeOffset();
        Assert.Equal(WorkingCalendar.Standard.AddWorkingDays(received, 7), dossier.DueAt.ToDateTimeOffset());

        await host.DisposeAsync();
        host = await StartAsync(data);
        await using var restarted = host;
        Assert.Equal(7, (await restarted.Catalog.GetProcedureAsync(new GetProcedureRequest { Code = SharedProcedure, ProvinceCode = Second })).Limit.Value);
        var after = await new ReferenceDataService.ReferenceDataServiceClient(restarted.Channel)
            .ListReferenceDataVersionsAsync(new ListReferenceDataVersionsRequest { Kind = "catalog", ProvinceCode = Second }, Admin);
        Assert.Equal((2L, 2L), (after.Versions.First().Version, after.InForceVersion));
    }

    [Fact]
    public async Task A_catalogue_given_for_the_wrong_province_or_a_calendar_given_a_province_is_refused_and_nothing_changes()
    {
        await using var host = await StartAsync();
        var reference = new ReferenceDataService.ReferenceDataServiceClient(host.Channel);

        var wrong = await RefusedAsync(() => reference.PublishReferenceDataAsync(new PublishReferenceDataRequest
        {
            Kind = "catalog", ProvinceCode = "H49", Content = SecondCatalogWithLimit(7), ExpectedCurrentVersion = 1,
        }, Admin).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, wrong.StatusCode);
        Assert.Contains("of province H99", wrong.Status.Detail, StringComparison.Ordinal);

        var calendar = await RefusedAsync(() => reference.PublishReferenceDataAsync(new PublishReferenceDataRequest
        {
            Kind = "calendar", ProvinceCode = Second, Content = HolidayCalendarData.EmbeddedText(), ExpectedCurrentVersion = 1,
        }, Admin).ResponseAsync);
        Assert.Equal((StatusCode.InvalidArgument, "CALENDAR_IS_NATIONAL"), (calendar.StatusCode, Reason(calendar)));

        var notServed = await RefusedAsync(() => reference.PublishReferenceDataAsync(new PublishReferenceDataRequest
        {
            Kind = "catalog", ProvinceCode = "H22", Content = SecondCatalogWithLimit(7), ExpectedCurrentVersion = 1,
        }, Admin).ResponseAsync);
        Assert.Equal((StatusCode.NotFound, "PROVINCE_NOT_SERVED"), (notServed.StatusCode, Reason(notServed)));

        foreach (var province in new[] { "H49", Second })
        {
            var versions = await reference.ListReferenceDataVersionsAsync(new ListReferenceDataVersionsRequest { Kind = "catalog", ProvinceCode = province }, Admin);
            Assert.Single(versions.Versions);
        }
    }

    [Fact]
    public async Task A_supervisor_reads_their_own_provinces_catalogue_versions_and_the_national_calendar_only()
    {
        await using var host = await StartAsync();
        var reference = new ReferenceDataService.ReferenceDataServiceClient(host.Channel);
        var supervisor = Supervisor(Second);

        Assert.Single((await reference.ListReferenceDataVersionsAsync(new ListReferenceDataVersionsRequest { Kind = "catalog", ProvinceCode = Second }, supervisor)).Versions);
        Assert.Single((await reference.ListReferenceDataVersionsAsync(new ListReferenceDataVersionsRequest { Kind = "calendar" }, supervisor)).Versions);

        var foreign = await RefusedAsync(() => reference.GetReferenceDataAsync(new GetReferenceDataRequest { Kind = "catalog", ProvinceCode = "H49" }, supervisor).ResponseAsync);
        var unknown = await RefusedAsync(() => reference.GetReferenceDataAsync(new GetReferenceDataRequest { Kind = "catalog", ProvinceCode = "H22" }, supervisor).ResponseAsync);
        Assert.Equal((StatusCode.NotFound, "PROVINCE_NOT_SERVED"), (foreign.StatusCode, Reason(foreign)));
        Assert.Equal((unknown.StatusCode, Reason(unknown)), (foreign.StatusCode, Reason(foreign)));
        // Unnamed, a supervisor's own province is meant.
        var unnamed = await reference.ListReferenceDataVersionsAsync(new ListReferenceDataVersionsRequest { Kind = "catalog" }, supervisor);
        Assert.Equal(Second, unnamed.Versions.Single().ProvinceCode);
    }

    [Fact]
    public async Task A_province_served_without_a_catalogue_stops_the_start_naming_the_setting()
    {
        var settings = new Dictionary<string, string?> { ["Provinces:Served:0"] = "H49", ["Provinces:Served:1"] = "H22" };
        var error = await Assert.ThrowsAsync<StorageStartupException>(() => TestHost.StartAsync(settings: settings));
        Assert.Contains("Provinces:CatalogFiles:H22", error.Message, StringComparison.Ordinal);

        var twice = new Dictionary<string, string?> { ["Provinces:Served:0"] = "H49", ["Provinces:Served:1"] = "H49" };
        var invalid = await Assert.ThrowsAsync<OptionsValidationException>(() => TestHost.StartAsync(settings: twice));
        Assert.Contains("Provinces:Served", invalid.Message, StringComparison.Ordinal);

        // A first file for a province not served would be ignored in silence: refused instead.
        var notServed = new Dictionary<string, string?> { [$"Provinces:CatalogFiles:{Second}"] = SecondCatalogFile };
        var ignored = await Assert.ThrowsAsync<OptionsValidationException>(() => TestHost.StartAsync(settings: notServed));
        Assert.Contains($"{Second} is not served", ignored.Message, StringComparison.Ordinal);

        // A first file that cannot be read stops the start, naming the setting.
        var missing = new Dictionary<string, string?>(Settings) { [$"Provinces:CatalogFiles:{Second}"] = "/nonexistent/h99.json" };
        var unread = await Assert.ThrowsAsync<StorageStartupException>(() => TestHost.StartAsync(settings: missing));
        Assert.Contains($"Provinces:CatalogFiles:{Second}", unread.Message, StringComparison.Ordinal);
    }

    /// <summary>The sample H99 catalogue with the shared procedure's limit changed, under a new version label.</summary>
    private static string SecondCatalogWithLimit(int workingDays)
    {
        var catalog = JsonNode.Parse(File.ReadAllText(SecondCatalogFile))!.AsObject();
        catalog["version"] = "h99-test-2";
        var procedure = catalog["procedures"]!.AsArray().Single(p => (string?)p!["code"] == SharedProcedure)!;
        procedure["limit"] = new JsonObject { ["value"] = workingDays, ["unit"] = "WorkingDays" };
        return catalog.ToJsonString();
    }
}
