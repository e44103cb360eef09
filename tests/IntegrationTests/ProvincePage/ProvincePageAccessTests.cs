using System.Net;
using DossierTracking.GrpcApi.Security;
using DossierTracking.IntegrationTests.Infrastructure;
using DossierTracking.Silo.Hosting;
using DossierTracking.Silo.ProvincePage;
using static DossierTracking.IntegrationTests.Agencies.AgencyTestSupport;
using static DossierTracking.IntegrationTests.Infrastructure.Requests;

namespace DossierTracking.IntegrationTests.ProvincePage;

/// <summary>
/// The province page's figures endpoint: who sees what, and that its numbers are GetAgencyFigures' numbers. An
/// operator or supervisor sees the province and every agency; an agency's leader sees their own unit only, and asking
/// about another unit answers exactly as asking about a unit that does not exist.
/// </summary>
public sealed class ProvincePageAccessTests(HostFixture fixture) : IClassFixture<HostFixture>, IDisposable
{
    private readonly ProvincePageClient _client = new(fixture.Host);

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task Without_a_token_the_endpoint_answers_401_and_a_browser_is_sent_to_the_login_form()
    {
        foreach (var path in new[] { ProvincePageComposition.FiguresPath, ProvincePageComposition.FiguresPath + "/" + Construction, "/province/assets/province.js" })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await _client.GetAsync(path)).StatusCode);
        }

        var browser = await _client.GetAsync(ProvincePageComposition.PagePath, null, ("Accept", "text/html,application/xhtml+xml"));
        Assert.Equal(HttpStatusCode.Redirect, browser.StatusCode);
        Assert.Equal(ProvincePageLogin.Area.LoginPath, browser.Headers.Location?.OriginalString);

        var form = await _client.GetAsync(ProvincePageLogin.Area.LoginPath);
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Contains("lang=\"vi\"", await form.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Roles_that_do_not_answer_for_a_unit_or_the_province_are_refused()
    {
        foreach (var token in new[]
        {
            TestTokens.For(Roles.DeskOfficer, agency: Centre),
            TestTokens.For(Roles.AgencyOfficer, agency: Construction),
            TestTokens.For(Roles.Portal),
            TestTokens.For(Roles.Administrator),
            TestTokens.For(Roles.AgencyLeader), // a leader without a unit
        })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await _client.GetAsync(ProvincePageComposition.FiguresPath, token)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await _client.LogInAsync(token)).StatusCode);
        }
    }

    [Fact]
    public async Task An_operator_and_a_supervisor_see_the_province_and_every_agency_of_the_catalogue()
    {
        var listed = await fixture.Host.Catalog.ListAgenciesAsync(new() { PageSize = 100 });
        Assert.Empty(listed.NextPageToken);
        var catalog = listed.Agencies.Select(a => a.Code).ToList();
        foreach (var role in new[] { Roles.Operator, Roles.Supervisor })
        {
            var snapshot = await _client.FiguresAsync(TestTokens.For(role));
            Assert.NotEqual(System.Text.Json.JsonValueKind.Null, snapshot.GetProperty("province").ValueKind);
            Assert.Equal(catalog, snapshot.GetProperty("agencies").EnumerateArray().Select(a => a.GetProperty("code").GetString()));
        }

        var operatorToken = TestTokens.For(Roles.Operator);
        Assert.NotNull(ProvincePageClient.Tile(await _client.FiguresAsync(operatorToken, HaLong), HaLong));
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync(ProvincePageComposition.FiguresPath + "/H49.999", operatorToken)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _client.GetAsync(ProvincePageComposition.FiguresPath + "/not%20a%20code", operatorToken)).StatusCode);
    }

    [Fact]
    public async Task A_leader_sees_their_own_unit_only_and_another_unit_answers_as_an_unknown_one()
    {
        var leader = TestTokens.For(Roles.AgencyLeader, agency: Construction);

        var own = await _client.FiguresAsync(leader);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, own.GetProperty("province").ValueKind);
        Assert.Equal([Construction], own.GetProperty("agencies").EnumerateArray().Select(a => a.GetProperty("code").GetString()));
        Assert.NotNull(ProvincePageClient.Tile(await _client.FiguresAsync(leader, Construction), Construction));

        var answers = new List<(HttpStatusCode, string)>();
        foreach (var other in new[] { EnvironmentDept, Centre, "H49.999", "not%20a%20code" })
        {
            var response = await _client.GetAsync(ProvincePageComposition.FiguresPath + "/" + other, leader);
            answers.Add((response.StatusCode, await response.Content.ReadAsStringAsync()));
        }

        Assert.All(answers, a => Assert.Equal(answers[0], a));
        Assert.Equal(HttpStatusCode.Forbidden, answers[0].Item1);
        Assert.DoesNotContain(EnvironmentDept, answers[0].Item2);
    }

    [Fact]
    public async Task The_login_form_keeps_a_leaders_token_in_a_cookie_for_the_province_page_only()
    {
        var token = TestTokens.For(Roles.AgencyLeader, agency: HaLong);
        var login = await _client.LogInAsync(token);
        Assert.Equal(HttpStatusCode.SeeOther, login.StatusCode);
        Assert.Equal(ProvincePageComposition.PagePath, login.Headers.Location?.OriginalString);
        var cookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(ProvincePageLogin.Cookie + "=", StringComparison.Ordinal));
        var attributes = cookie.Split(';', StringSplitOptions.TrimEntries).Skip(1).ToList();
        Assert.Contains("httponly", attributes, StringComparer.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", attributes, StringComparer.OrdinalIgnoreCase);
        Assert.Contains("path=/province", attributes, StringComparer.OrdinalIgnoreCase);

        var pair = cookie.Split(';')[0];
        var page = await _client.GetAsync(ProvincePageComposition.PagePath, null, ("Cookie", pair), ("Accept", "text/html"));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("lang=\"vi\"", await page.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync(ProvincePageComposition.FiguresPath, null, ("Cookie", pair))).StatusCode);

        // The same token in the dashboard's cookie opens nothing here, and this cookie's name opens no dashboard.
        var dashboardCookie = DashboardLogin.Cookie + "=" + TestTokens.For(Roles.Operator);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _client.GetAsync(ProvincePageComposition.FiguresPath, null, ("Cookie", dashboardCookie))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized,
            (await _client.GetAsync("/dashboard/DashboardCounters", null, ("Cookie", ProvincePageLogin.Cookie + "=" + TestTokens.For(Roles.Operator))))
            .StatusCode);
    }

    [Fact]
    public async Task The_figures_are_those_of_GetAgencyFigures_and_the_province_counts_each_dossier_once()
    {
        var api = await ProvinceScenario.RunAsync(fixture.Host, fixture.Clock);
        var operatorToken = TestTokens.For(Roles.Operator);

        // The page's figures are at most one refresh interval old: wait for the snapshot that includes the scenario.
        var snapshot = await EventuallyAsync(() => _client.FiguresAsync(operatorToken),
            s => ProvinceScenario.Agencies.All(a => ApiFigures.Of(ProvincePageClient.Tile(s, a)!.Value.GetProperty("figures")) == ApiFigures.Of(api[a])));
        foreach (var agency in ProvinceScenario.Agencies)
        {
            Assert.Equal(ApiFigures.Of(api[agency]), ApiFigures.Of(ProvincePageClient.Tile(snapshot, agency)!.Value.GetProperty("figures")));
        }

        // The service centre received the burst and the departments decide it: the province counts it once.
        var province = snapshot.GetProperty("province");
        Assert.Equal(ProvinceScenario.ReceivedToday, province.GetProperty("receivedToday").GetInt32());
        Assert.Equal(api[Construction].Total + api[EnvironmentDept].Total + api[HaLong].Total, province.GetProperty("total").GetInt32());
        Assert.True(snapshot.GetProperty("relayLagSeconds").GetDouble() >= 0, "the relay's lag of the last minute is shown");
        Assert.Equal(System.Text.Json.JsonValueKind.Null, snapshot.GetProperty("changeFeedLagSeconds").ValueKind); // SQLite: no sequencer

        // A leader's view of their unit is the same tile.
        var leader = await _client.FiguresAsync(TestTokens.For(Roles.AgencyLeader, agency: Construction), Construction);
        Assert.Equal(ApiFigures.Of(api[Construction]), ApiFigures.Of(ProvincePageClient.Tile(leader, Construction)!.Value.GetProperty("figures")));
    }
}
