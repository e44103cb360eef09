using System.Text.Json.Nodes;
using DossierTracking.Contracts.Dossiers;
using DossierTracking.Contracts.ReferenceData;
using DossierTracking.Domain.Calendar;
using DossierTracking.Domain.Catalog;
using DossierTracking.Domain.ReferenceData;
using static DossierTracking.UnitTests.ReferenceData.ReferenceDataJson;

namespace DossierTracking.UnitTests.ReferenceData;

/// <summary>What a published catalogue or calendar must be: the same checks as the shipped files, which pass them.</summary>
public sealed class ReferenceDataRulesTests
{
    [Fact]
    public void The_shipped_files_pass_the_checks_a_publication_gets()
    {
        var catalog = ReferenceDataRules.Check(ReferenceDataKind.Catalog, CatalogFile.EmbeddedText());
        var calendar = ReferenceDataRules.Check(ReferenceDataKind.Calendar, HolidayCalendarData.EmbeddedText());

        Assert.Empty(catalog.Problems);
        Assert.Empty(calendar.Problems);
        Assert.Equal(ReferenceCatalog.LoadEmbedded().Procedures.Count, catalog.Catalog!.Procedures.Count);
        Assert.Equal(Enumerable.Range(2016, 12), calendar.Calendar!.Years);
        Assert.Equal("calendar 2016-2027", calendar.Summary);
    }

    [Fact]
    public void A_new_year_is_accepted_and_its_days_are_off()
    {
        var checkedData = ReferenceDataRules.Check(ReferenceDataKind.Calendar, CalendarWith(Year(2028, [new(2028, 1, 3)], [new(2028, 1, 8)])));

        Assert.Empty(checkedData.Problems);
        Assert.True(checkedData.Calendar!.CoversYear(2028));
        Assert.False(checkedData.Calendar.IsWorkingDay(new DateOnly(2028, 1, 3)));
        Assert.True(checkedData.Calendar.IsWorkingDay(new DateOnly(2028, 1, 8)));
    }

    [Theory]
    [InlineData("{\"schema\": 1, \"years\": [", "not a holiday calendar file")]
    [InlineData("[]", "not a holiday calendar file")]
    [InlineData("   ", "empty")]
    [InlineData("{\"schema\": 2, \"years\": []}", "schema is 2")]
    [InlineData("{\"schema\": 1, \"years\": []}", "years is empty")]
    [InlineData("{\"schema\": 1, \"years\": null}", "not a holiday calendar file")]
    [InlineData("{\"schema\": 1, \"years\": [{\"year\": 2028, \"source\": \"x\", \"dayOff\": []}]}", "dayOff")]
    [InlineData("{\"schema\": 1, \"years\": [{\"year\": 2028, \"source\": \"x\", \"daysOff\": [{\"date\": \"2028-02-30\", \"reason\": \"x\"}]}]}", "daysOff")]
    public void A_file_that_is_not_a_calendar_is_refused_saying_why(string content, string expected)
    {
        var checkedData = ReferenceDataRules.Check(ReferenceDataKind.Calendar, content);

        Assert.False(checkedData.IsValid);
        Assert.Null(checkedData.Calendar);
        Assert.Contains(expected, string.Join(" | ", checkedData.Problems));
    }

    [Fact]
    public void Each_date_belongs_to_its_year_once_and_a_make_up_day_is_a_weekend_day_that_is_not_off()
    {
        var year = Year(2028, [new(2028, 1, 3), new(2028, 1, 3), new(2029, 1, 1), new(2028, 1, 8)], [new(2028, 1, 4), new(2028, 1, 8)]);
        year["source"] = "";
        var problems = string.Join(" | ", ReferenceDataRules.Check(ReferenceDataKind.Calendar, CalendarWith(year)).Problems);

        Assert.Contains("year 2028: daysOff date 2028-01-03 appears twice", problems);
        Assert.Contains("2029-01-01 belongs to another year", problems);
        Assert.Contains("make-up working day 2028-01-04 is a Tuesday", problems);
        Assert.Contains("2028-01-08 is both a day off and a make-up working day", problems);
        Assert.Contains("year 2028: source", problems);
    }

    [Fact]
    public void A_year_listed_twice_or_without_a_day_off_is_refused()
    {
        var calendar = CalendarFile();
        calendar["years"]!.AsArray().Add(Year(2027, [new(2027, 12, 31)]));
        calendar["years"]!.AsArray().Add(Year(2028, []));

        var problems = string.Join(" | ", ReferenceDataRules.Check(ReferenceDataKind.Calendar, calendar.ToJsonString()).Problems);

        Assert.Contains("year 2027 appears twice", problems);
        Assert.Contains("year 2028: daysOff is empty", problems);
    }

    [Fact]
    public void A_catalogue_with_a_bad_list_is_refused_naming_the_procedure_and_paper()
    {
        var catalog = CatalogJson();
        var procedure = catalog["procedures"]!.AsArray().OfType<JsonObject>().First(p => p["components"] is JsonArray { Count: > 1 });
        var code = (string)procedure["code"]!;
        var components = procedure["components"]!.AsArray();
        components[1]!["code"] = (string)components[0]!["code"]!;
        components[0]!["count"] = 0;

        var checkedData = ReferenceDataRules.Check(ReferenceDataKind.Catalog, catalog.ToJsonString());

        Assert.Null(checkedData.Catalog);
        var problems = string.Join(" | ", checkedData.Problems);
        Assert.Contains($"procedure {code} paper {(string)components[0]!["code"]!} appears twice", problems);
        Assert.Contains("the count must be 1-20", problems);
    }

    [Theory]
    [InlineData("limit", "{\"value\": 10, \"unit\": \"WorkingDays\", \"hours\": 3}", "hours")]
    [InlineData("supplementPolicy", "\"Sometimes\"", "supplementPolicy")]
    [InlineData("agencyLevel", "2", "agencyLevel")]
    [InlineData("fees", "null", "fees")]
    [InlineData("serviceLevel", "7", "service level 7")]
    [InlineData("agencyCode", "\"H49.99\"", "needs an owning department")]
    public void A_catalogue_with_a_misspelt_null_or_unknown_value_is_refused_naming_it(string field, string json, string expected)
    {
        var catalog = CatalogJson();
        var procedure = catalog["procedures"]!.AsArray().OfType<JsonObject>().First(p => (string?)p["agencyLevel"] == "Province");
        procedure[field] = JsonNode.Parse(json);

        var problems = string.Join(" | ", ReferenceDataRules.Check(ReferenceDataKind.Catalog, catalog.ToJsonString()).Problems);

        Assert.Contains(expected, problems);
    }

    [Fact]
    public void A_content_larger_than_the_limit_is_refused_before_it_is_read()
    {
        var content = "{\"schema\": 1, \"description\": \"" + new string('x', ReferenceDataLimits.MaxContentBytes) + "\", \"years\": []}";

        Assert.Contains("larger than", Assert.Single(ReferenceDataRules.Check(ReferenceDataKind.Calendar, content).Problems));
    }

    [Fact]
    public void A_refusal_is_invalid_argument_on_content_listing_at_most_ten_problems()
    {
        var problems = Enumerable.Range(1, 14).Select(i => $"problem {i}").ToList();

        var failure = ReferenceDataRules.InvalidContent(ReferenceDataKind.Calendar, problems);

        Assert.Equal(FailureKind.InvalidArgument, failure.Kind);
        Assert.Equal("content", failure.Field);
        Assert.Equal("INVALID_REFERENCE_DATA", failure.Reason);
        Assert.Contains("problem 9; problem 10 (and 4 more)", failure.Message);
        Assert.DoesNotContain("problem 11", failure.Message);
    }

    [Theory]
    [InlineData(3, 3, "a", "b", PublishDecision.Publish)]
    [InlineData(2, 3, "a", "b", PublishDecision.Conflict)]
    [InlineData(4, 3, "a", "b", PublishDecision.Conflict)]
    [InlineData(3, 3, "a", "a", PublishDecision.Replay)]   // the same file again: nothing new
    [InlineData(2, 3, "a", "a", PublishDecision.Replay)]   // a retry whose answer was lost
    [InlineData(1, 3, "a", "a", PublishDecision.Conflict)] // the same content, but two versions behind: someone else published
    public void A_publication_names_the_newest_version_and_a_retry_makes_no_second_version(long expected, long current, string currentSha, string newSha,
        PublishDecision decision)
    {
        Assert.Equal(decision, ReferenceDataRules.Decide(expected, current, currentSha, newSha));
    }

    [Fact]
    public void The_hash_is_of_the_exact_text_lower_case_hex()
    {
        var hash = ReferenceDataRules.Sha256("{}");

        Assert.Equal("44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a", hash);
        Assert.NotEqual(hash, ReferenceDataRules.Sha256("{ }"));
    }

    [Fact]
    public void A_catalogue_with_a_unit_code_a_receipt_cannot_carry_an_unbounded_limit_or_a_NUL_is_refused()
    {
        var badCode = JsonNode.Parse(CatalogFile.EmbeddedText())!;
        badCode["agencies"]![1]!["code"] = "q1 desk";
        Assert.Contains(ReferenceDataRules.Check(ReferenceDataKind.Catalog, badCode.ToJsonString()).Problems, p => p.Contains("q1 desk", StringComparison.Ordinal));

        var longLimit = JsonNode.Parse(CatalogFile.EmbeddedText())!;
        longLimit["procedures"]![0]!["limit"]!["value"] = 2_147_483_647;
        Assert.Contains(ReferenceDataRules.Check(ReferenceDataKind.Catalog, longLimit.ToJsonString()).Problems, p => p.Contains("time limit over", StringComparison.Ordinal));

        Assert.Contains(ReferenceDataRules.Check(ReferenceDataKind.Catalog, CatalogFile.EmbeddedText() + "/* \0 */").Problems, p => p.Contains("NUL", StringComparison.Ordinal));
    }

    [Fact]
    public void A_new_catalogue_may_not_drop_a_unit_or_a_procedure_live_dossiers_name()
    {
        var inForce = ReferenceCatalog.LoadEmbedded();
        var next = JsonNode.Parse(CatalogFile.EmbeddedText())!;
        var dropped = next["procedures"]![0]!["code"]!.GetValue<string>();
        ((JsonArray)next["procedures"]!).RemoveAt(0);
        var checkedData = ReferenceDataRules.Check(ReferenceDataKind.Catalog, next.ToJsonString());

        Assert.Empty(checkedData.Problems);
        Assert.Equal([$"procedure {dropped} is in force and may not be dropped"], ReferenceDataRules.Dropped(inForce, checkedData.Catalog!));
        Assert.Empty(ReferenceDataRules.Dropped(inForce, inForce));
    }
}
