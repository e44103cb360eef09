using System.Text.Json.Nodes;
using DossierTracking.Domain.Calendar;
using DossierTracking.Domain.Catalog;
using DossierTracking.GrpcApi.Security;
using DossierTracking.GrpcApi.V1;
using DossierTracking.IntegrationTests.Infrastructure;
using Grpc.Core;
using static DossierTracking.IntegrationTests.Infrastructure.Requests;

namespace DossierTracking.IntegrationTests.ReferenceData;

/// <summary>Files to publish (the shipped ones with one change), the administrators' client, and a dossier whose clock starts now.</summary>
internal static class ReferenceDataSupport
{
    public const string Admin = "qtv-01";

    /// <summary>The moment the calendar tests receive their dossiers: Monday 27 December 2027, 08:00, with 2028 not yet published.</summary>
    public static readonly DateTimeOffset LateDecember2027 = Local(2027, 12, 27, 8, 0);

    /// <summary>20 working days from <see cref="LateDecember2027"/> counting only weekends as days off in 2028.</summary>
    public static readonly DateTimeOffset DueWithout2028 = Local(2028, 1, 24, 8, 0);

    /// <summary>The same with <see cref="CalendarWith2028"/>: 3 January and the Tết week 24-28 January are off.</summary>
    public static readonly DateTimeOffset DueWith2028 = Local(2028, 2, 1, 8, 0);

    public static Metadata As(string role, string subject = Admin, string agency = "") => TestTokens.Bearer(TestTokens.For(role, subject, agency));

    public static Metadata AsAdmin => As(Roles.Administrator);

    public static ReferenceDataService.ReferenceDataServiceClient Client(TestHost host) => new(host.Channel);

    /// <summary>The shipped calendar with 2028 (test data in the shape of the Government's notice).</summary>
    public static string CalendarWith2028()
    {
        var calendar = JsonNode.Parse(HolidayCalendarData.EmbeddedText())!.AsObject();
        calendar["years"]!.AsArray().Add(Year(2028,
        [
            ("2028-01-01", "Tết Dương lịch"), ("2028-01-03", "Nghỉ bù Tết Dương lịch"),
            ("2028-01-24", "Tết Nguyên đán"), ("2028-01-25", "Tết Nguyên đán"), ("2028-01-26", "Tết Nguyên đán"), ("2028-01-27", "Tết Nguyên đán"),
            ("2028-01-28", "Tết Nguyên đán"), ("2028-01-29", "Tết Nguyên đán"), ("2028-01-30", "Tết Nguyên đán"),
            ("2028-05-01", "Ngày Quốc tế Lao động"), ("2028-09-01", "Quốc khánh"), ("2028-09-02", "Quốc khánh"),
        ]));
        return calendar.ToJsonString();
    }

    /// <summary>The shipped calendar with a 2028 that lists a Tuesday as a make-up working day (a file to refuse).</summary>
    public static string CalendarWithAWeekdayMadeUp()
    {
        var calendar = JsonNode.Parse(CalendarWith2028())!.AsObject();
        var year = calendar["years"]!.AsArray()[^1]!.AsObject();
        year["makeUpWorkingDays"] = new JsonArray(new JsonObject { ["date"] = "2028-01-04", ["reason"] = "Làm bù" });
        return calendar.ToJsonString();
    }

    /// <summary>The shipped catalogue with a procedure's limit changed, under a new version label.</summary>
    public static string CatalogWithLimit(string procedureCode, int workingDays, string version = "2027.01-test")
    {
        var catalog = JsonNode.Parse(CatalogFile.EmbeddedText())!.AsObject();
        catalog["version"] = version;
        var procedure = catalog["procedures"]!.AsArray().Single(p => (string?)p!["code"] == procedureCode)!;
        procedure["limit"] = new JsonObject { ["value"] = workingDays, ["unit"] = "WorkingDays" };
        return catalog.ToJsonString();
    }

    /// <summary>Submits a dossier for <see cref="PermitAdjustment"/> (20 working days) and, when asked, has the desk accept it (its clock starts).</summary>
    public static async Task<Dossier> SubmitAsync(TestHost host, bool accept = true)
    {
        var submitted = await host.Dossiers.SubmitDossierAsync(Submit());
        return accept ? await AcceptAsync(host, submitted.ReceiptCode) : submitted;
    }

    public static async Task<Dossier> AcceptAsync(TestHost host, string code) =>
        await host.Dossiers.AcceptDossierAsync(new AcceptDossierRequest { ReceiptCode = code, Actor = Desk(), RequestId = code + "-accept" });

    public static async Task<Dossier> GetAsync(TestHost host, string code) =>
        await host.Dossiers.GetDossierAsync(new GetDossierRequest { ReceiptCode = code });

    public static DateTimeOffset DueOf(Dossier dossier) => dossier.DueAt.ToDateTimeOffset().ToOffset(Vietnam);

    /// <summary>Polls until <paramref name="done"/> holds; the bound only catches a value that never comes.</summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > deadline)
            {
                return value;
            }

            await Task.Delay(200);
        }
    }

    private static JsonObject Year(int year, (string Date, string Reason)[] daysOff) => new()
    {
        ["year"] = year,
        ["source"] = $"Thông báo nghỉ Tết Âm lịch và Quốc khánh năm {year} (dữ liệu kiểm thử)",
        ["daysOff"] = new JsonArray([.. daysOff.Select(d => (JsonNode)new JsonObject { ["date"] = d.Date, ["reason"] = d.Reason })]),
        ["makeUpWorkingDays"] = new JsonArray(),
    };
}
