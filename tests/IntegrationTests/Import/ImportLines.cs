using System.Globalization;
using System.Text.Json.Nodes;
using static DossierTracking.IntegrationTests.Infrastructure.Requests;

namespace DossierTracking.IntegrationTests.Import;

/// <summary>Export lines of docs/import.md for the shipped catalogue: building permit adjustments received at the centre.</summary>
internal static class ImportLines
{
    /// <summary>A returned dossier submitted on <paramref name="day"/> (local) under number <paramref name="sequence"/>.</summary>
    public static JsonObject Returned(string sourceId, DateTimeOffset day, int sequence, string phone = "0912345678")
    {
        var at = new DateTimeOffset(day.Year, day.Month, day.Day, 8, 0, 0, Vietnam).AddMinutes(sequence % 240);
        var desk = new JsonObject { ["party"] = "DESK_OFFICER", ["id"] = "legacy:hoa.nt", ["unit"] = Centre };
        return new JsonObject
        {
            ["source_id"] = sourceId,
            ["receipt_code"] = $"{Centre}-{at:yyMMdd}-{sequence.ToString("D4", CultureInfo.InvariantCulture)}",
            ["procedure_code"] = PermitAdjustment,
            ["receiving_desk"] = Centre,
            ["channel"] = "ONLINE",
            ["applicant"] = new JsonObject { ["kind"] = "CITIZEN", ["full_name"] = "Nguyễn Văn An", ["id_number"] = "022090001234", ["phone"] = phone },
            ["state"] = "RESULT_RETURNED",
            ["result"] = "APPROVED",
            ["return_method"] = "IN_PERSON",
            ["history"] = new JsonArray(
                Entry(at, "SUBMIT", "SUBMITTED", Centre, new JsonObject { ["party"] = "PORTAL", ["id"] = "dvc-qn" }),
                Entry(at.AddHours(1), "ACCEPT", "RECEIVED", Centre, desk.DeepClone()),
                Entry(at.AddHours(2), "FORWARD", "IN_PROCESSING", Construction, desk.DeepClone()),
                Entry(at.AddDays(6), "RECORD_RESULT", "RESULT_READY", Centre, new JsonObject { ["party"] = "AGENCY_OFFICER", ["id"] = "legacy:minh.lv", ["unit"] = Construction }),
                Entry(at.AddDays(7), "RETURN_RESULT", "RESULT_RETURNED", Centre, desk.DeepClone())),
        };
    }

    private static JsonObject Entry(DateTimeOffset at, string action, string to, string agency, JsonNode actor) => new()
    {
        ["at"] = at.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
        ["action"] = action,
        ["to_state"] = to,
        ["agency"] = agency,
        ["actor"] = actor,
    };
}
