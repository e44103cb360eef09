using System.Text.Json;
using System.Text.Json.Serialization;

namespace DossierTracking.Domain.Calendar;

/// <summary>The shape of <c>vn-public-holidays.json</c>: days off and make-up working days per year, with sources.</summary>
public sealed class HolidayCalendarData
{
    public int Schema { get; init; }

    public string Description { get; init; } = "";

    public List<HolidayYear> Years { get; init; } = [];

    public sealed class HolidayYear
    {
        public int Year { get; init; }

        public string Source { get; init; } = "";

        public string? Notes { get; init; }

        public List<DatedReason> DaysOff { get; init; } = [];

        public List<DatedReason> MakeUpWorkingDays { get; init; } = [];
    }

    public sealed class DatedReason
    {
        public DateOnly Date { get; init; }

        public string Reason { get; init; } = "";
    }

    /// <summary>
    /// Strict reading: a misspelt member (<c>dayOff</c>) or a null where a list or text belongs is an error naming
    /// where it is, not a year with no days off.
    /// </summary>
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        NumberHandling = JsonNumberHandling.Strict,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
    };

    /// <summary>The name of the embedded copy of <c>vn-public-holidays.json</c>.</summary>
    public const string EmbeddedName = "vn-public-holidays.json";

    /// <summary>Reads a calendar file; throws <see cref="JsonException"/> (with the path and line) when it is not one.</summary>
    public static HolidayCalendarData Parse(string json) =>
        JsonSerializer.Deserialize<HolidayCalendarData>(json, JsonOptions)
        ?? throw new JsonException("The calendar is empty (null).");

    /// <summary>The text of the calendar shipped with the service: the seed of the published versions.</summary>
    public static string EmbeddedText()
    {
        using var stream = typeof(HolidayCalendarData).Assembly.GetManifestResourceStream(EmbeddedName)
            ?? throw new InvalidOperationException($"The embedded holiday data {EmbeddedName} is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>The data shipped with the service (an embedded copy of the JSON file).</summary>
    public static HolidayCalendarData LoadEmbedded() => Parse(EmbeddedText());
}
