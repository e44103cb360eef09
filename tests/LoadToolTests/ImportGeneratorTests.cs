using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using DossierTracking.LoadTests.Import;

namespace DossierTracking.LoadToolTests;

/// <summary>
/// The import file the benchmark streams into a silo: the counts its check relies on, receipt codes as a desk issues
/// them, and data that looks like the province's. Whether each line is a lawful history is <see cref="ImportLifecycleTests"/>.
/// </summary>
public sealed partial class ImportGeneratorTests(GeneratedImport import) : IClassFixture<GeneratedImport>
{
    [Fact]
    public void The_file_holds_exactly_the_dossiers_asked_for_and_the_2020_share_exactly()
    {
        var expected2020 = DailyVolumes.Share2020(GeneratedImport.Dossiers);
        var submitted = import.Documents.Select(d => Local(d.GetProperty("history")[0].GetProperty("at"))).ToList();

        Assert.Equal(GeneratedImport.Dossiers, import.Lines.Length);
        Assert.Equal(2315, expected2020);
        Assert.Equal(expected2020, submitted.Count(at => at.Year == 2020));
        Assert.All(submitted, at => Assert.InRange(at, new DateTime(2016, 7, 1), new DateTime(2020, 11, 1)));
        Assert.Equal(GeneratedImport.Dossiers, import.Summary.Total);
        Assert.Equal(expected2020, import.Summary.In2020);
        Assert.Equal(GeneratedImport.Dossiers, import.Summary.ByState.Values.Sum());
    }

    [Fact]
    public void At_the_reference_size_the_days_add_up_to_the_province_figures()
    {
        var perDay = DailyVolumes.Plan(DailyVolumes.ReferenceTotal, OfficeCalendar.Shipped, new Random(1));
        var first2020 = DailyVolumes.First2020Day.DayNumber - DailyVolumes.FirstDay.DayNumber;

        Assert.Equal(203_585, perDay[first2020..].Sum());
        Assert.Equal(236_218, perDay[..first2020].Sum());
        Assert.True(perDay[0] < perDay[^3], "a pilot in July 2016 takes fewer dossiers a day than October 2020");
    }

    [Fact]
    public void Receipt_codes_are_unique_and_number_each_desk_day_from_one_without_gaps()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var numbersByDeskDay = new Dictionary<(string, string), List<int>>();
        foreach (var line in import.Documents)
        {
            var code = line.GetProperty("receipt_code").GetString()!;
            var desk = line.GetProperty("receiving_desk").GetString()!;
            var submitted = Local(line.GetProperty("history")[0].GetProperty("at"));
            var match = ReceiptCode().Match(code);

            Assert.True(seen.Add(code), $"{code} is issued twice");
            Assert.True(match.Success, $"{code} is not desk-yyMMdd-nnnn");
            Assert.Equal(desk, match.Groups["desk"].Value);
            Assert.Equal(submitted.ToString("yyMMdd", CultureInfo.InvariantCulture), match.Groups["date"].Value);
            var key = (desk, match.Groups["date"].Value);
            if (!numbersByDeskDay.TryGetValue(key, out var numbers))
            {
                numbersByDeskDay[key] = numbers = [];
            }

            numbers.Add(int.Parse(match.Groups["seq"].Value, CultureInfo.InvariantCulture));
        }

        // Issued in the order of submission: 1, 2, 3, ... for each desk and day.
        Assert.All(numbersByDeskDay, pair => Assert.Equal(Enumerable.Range(1, pair.Value.Count), pair.Value));
    }

    [Fact]
    public void Lines_are_in_submission_order_with_unique_source_ids()
    {
        var submitted = import.Documents.Select(d => Local(d.GetProperty("history")[0].GetProperty("at"))).ToList();
        var ids = import.Documents.Select(d => d.GetProperty("source_id").GetString()!).ToList();

        Assert.Equal(submitted.Order(), submitted);
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.All(ids, id => Assert.Matches("^qn-egov-[0-9]{9}$", id));
    }

    [Fact]
    public void States_are_as_today_almost_all_returned()
    {
        var states = import.Documents.GroupBy(d => d.GetProperty("state").GetString()!).ToDictionary(g => g.Key, g => g.Count());
        double Share(string state) => states.GetValueOrDefault(state) / (double)GeneratedImport.Dossiers;

        Assert.Equal(["REJECTED_AT_INTAKE", "RESULT_RETURNED", "STOPPED", "WITHDRAWN"], states.Keys.Order(StringComparer.Ordinal));
        Assert.InRange(Share("RESULT_RETURNED"), 0.955, 0.98);
        Assert.InRange(Share("WITHDRAWN"), 0.008, 0.025);
        Assert.InRange(Share("REJECTED_AT_INTAKE"), 0.005, 0.018);
        Assert.InRange(Share("STOPPED"), 0.001, 0.012);
        var returned = import.Documents.Where(d => d.GetProperty("state").GetString() == "RESULT_RETURNED").ToList();
        Assert.InRange(returned.Count(d => d.GetProperty("result").GetString() == "APPROVED") / (double)returned.Count, 0.9, 0.995);
    }

    [Fact]
    public void The_big_desks_are_busier_than_any_commune()
    {
        var byDesk = import.Documents.GroupBy(d => d.GetProperty("receiving_desk").GetString()!).ToDictionary(g => g.Key, g => g.Count());
        var busiestCommune = byDesk.Where(p => p.Key.Count(c => c == '.') == 2).Max(p => p.Value);

        Assert.Equal("H49.50", byDesk.MaxBy(p => p.Value).Key);
        Assert.All(["H49.193", "H49.195", "H49.196", "H49.194"], city => Assert.True(byDesk[city] > busiestCommune, $"{city}: {byDesk[city]} vs {busiestCommune}"));
    }

    [Fact]
    public void Applicants_look_real_and_made_up()
    {
        foreach (var line in import.Documents)
        {
            var applicant = line.GetProperty("applicant");
            var kind = applicant.GetProperty("kind").GetString();
            var id = applicant.GetProperty("id_number").GetString()!;
            Assert.Matches(kind == "ENTERPRISE" ? "^57[0-9]{8}$" : "^022[0-3][0-9]{8}$", id);
            Assert.False(string.IsNullOrWhiteSpace(applicant.GetProperty("full_name").GetString()));
            if (applicant.TryGetProperty("phone", out var phone))
            {
                Assert.Matches("^0[3789][0-9]{8}$", phone.GetString()!);
            }
        }
    }

    [Fact]
    public void The_same_seed_writes_the_same_file_and_another_seed_another()
    {
        using var again = new MemoryStream();
        using var other = new MemoryStream();
        ImportGenerator.ForReferenceProvince().Write(again, GeneratedImport.Dossiers, GeneratedImport.Seed);
        ImportGenerator.ForReferenceProvince().Write(other, GeneratedImport.Dossiers, GeneratedImport.Seed + 1);

        Assert.Equal(import.Bytes, again.ToArray());
        Assert.NotEqual(import.Bytes, other.ToArray());
    }

    internal static DateTime Local(JsonElement at)
    {
        var moment = DateTimeOffset.Parse(at.GetString()!, CultureInfo.InvariantCulture);
        Assert.Equal(TimeSpan.FromHours(7), moment.Offset);
        return moment.DateTime;
    }

    [GeneratedRegex(@"^(?<desk>[0-9A-Z.]+)-(?<date>\d{6})-(?<seq>\d{4,})$")]
    private static partial Regex ReceiptCode();
}
