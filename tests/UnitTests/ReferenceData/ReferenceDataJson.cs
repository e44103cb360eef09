using System.Text.Json.Nodes;
using DossierTracking.Domain.Calendar;
using DossierTracking.Domain.Catalog;

namespace DossierTracking.UnitTests.ReferenceData;

/// <summary>The shipped files as JSON trees, to change one thing and publish the result as a new version.</summary>
internal static class ReferenceDataJson
{
    public static JsonObject CalendarFile() => JsonNode.Parse(HolidayCalendarData.EmbeddedText(), documentOptions: new() { CommentHandling = System.Text.Json.JsonCommentHandling.Skip })!.AsObject();

    public static JsonObject CatalogJson() => JsonNode.Parse(CatalogFile.EmbeddedText(), documentOptions: new() { CommentHandling = System.Text.Json.JsonCommentHandling.Skip })!.AsObject();

    /// <summary>A year of the calendar file: its days off (and make-up working days) with reasons.</summary>
    public static JsonObject Year(int year, DateOnly[] daysOff, DateOnly[]? workedDays = null) => new()
    {
        ["year"] = year,
        ["source"] = $"Thông báo nghỉ lễ, Tết năm {year} (test)",
        ["daysOff"] = new JsonArray([.. daysOff.Select(d => (JsonNode)new JsonObject { ["date"] = d.ToString("yyyy-MM-dd"), ["reason"] = "Nghỉ lễ" })]),
        ["makeUpWorkingDays"] = new JsonArray([.. (workedDays ?? []).Select(d => (JsonNode)new JsonObject { ["date"] = d.ToString("yyyy-MM-dd"), ["reason"] = "Làm bù" })]),
    };

    /// <summary>The shipped calendar with <paramref name="year"/> added.</summary>
    public static string CalendarWith(JsonObject year)
    {
        var calendar = CalendarFile();
        calendar["years"]!.AsArray().Add(year);
        return calendar.ToJsonString();
    }
}
