using System.Globalization;
using System.Text.Json;
using DossierTracking.GrpcApi.V1;

namespace DossierTracking.IntegrationTests.ProvincePage;

/// <summary>
/// The province page's six figures of an agency as the gRPC GetAgencyFigures gives them, worked out here from its
/// fields (not with the silo's code), and written as the page writes them: what the page must show.
/// </summary>
internal sealed record ApiFigures(int ReceivedToday, int InProcessing, int Overdue, int ApologyDue, double? OnTimeRate, double? OnlineRate, int Total)
{
    public static ApiFigures Of(AgencyFigures f)
    {
        var finished = f.FinishedEarly + f.FinishedOnTime + f.FinishedLate;
        return new ApiFigures(
            f.ReceivedToday.Total,
            f.OpenWithinDeadline + f.OpenOverdue,
            f.OpenOverdue,
            f.ApologyDue,
            finished == 0 ? null : (double)(f.FinishedEarly + f.FinishedOnTime) / finished,
            f.ReceivedThisYear.Total == 0 ? null : (double)f.ReceivedThisYear.Online / f.ReceivedThisYear.Total,
            f.Total);
    }

    /// <summary>The same figures read from the JSON the page's endpoint answers.</summary>
    public static ApiFigures Of(JsonElement figures) => new(
        figures.GetProperty("receivedToday").GetInt32(),
        figures.GetProperty("inProcessing").GetInt32(),
        figures.GetProperty("overdue").GetInt32(),
        figures.GetProperty("apologyDue").GetInt32(),
        Rate(figures.GetProperty("onTimeRate")),
        Rate(figures.GetProperty("onlineRate")),
        figures.GetProperty("total").GetInt32());

    /// <summary>The texts the page shows, by the <c>data-figure</c> name of each figure.</summary>
    public IReadOnlyDictionary<string, string> Shown() => new Dictionary<string, string>
    {
        ["receivedToday"] = Count(ReceivedToday),
        ["inProcessing"] = Count(InProcessing),
        ["overdue"] = Count(Overdue),
        ["apologyDue"] = Count(ApologyDue),
        ["onTimeRate"] = Percent(OnTimeRate),
        ["onlineRate"] = Percent(OnlineRate),
    };

    /// <summary>Vietnamese grouping: 1234567 is written 1.234.567.</summary>
    public static string Count(int n) => n.ToString("#,0", CultureInfo.InvariantCulture).Replace(',', '.');

    /// <summary>0.956 is written "95,6 %"; no rate yet is a dash.</summary>
    public static string Percent(double? rate) => rate is { } r ? (r * 100).ToString("0.0", CultureInfo.InvariantCulture).Replace('.', ',') + " %" : "—";

    private static double? Rate(JsonElement value) => value.ValueKind == JsonValueKind.Null ? null : value.GetDouble();
}
