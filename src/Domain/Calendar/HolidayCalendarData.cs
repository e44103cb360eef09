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

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        NumberHandling = JsonNumberHandling.Strict,
    };

    /// <summary>The data shipped with the service (an embedded copy of the JSON file).</summary>
    public static HolidayCalendarData LoadEmbedded()
    {
        using var stream = typeof(HolidayCalendarData).Assembly.GetManifestResourceStream("vn-public-holidays.json")
            ?? throw new InvalidOperationException("The embedded holiday data vn-public-holidays.json is missing from the build.");
        return JsonSerializer.Deserialize<HolidayCalendarData>(stream, JsonOptions)
            ?? throw new InvalidOperationException("The embedded holiday data is empty.");
    }
}
