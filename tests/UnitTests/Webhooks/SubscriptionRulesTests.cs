using DossierTracking.Contracts.Dossiers;
using DossierTracking.Contracts.Feed;
using DossierTracking.Contracts.Webhooks;
using DossierTracking.Domain.Webhooks;

namespace DossierTracking.UnitTests.Webhooks;

public sealed class SubscriptionRulesTests
{
    private static FeedChange Change(DossierAction action = DossierAction.Accept, DossierState to = DossierState.InProcessing, string agency = "H49.08") => new()
    {
        Position = 7,
        ReceiptCode = "H49.50-201019-0001",
        Version = 2,
        CommittedAt = DateTimeOffset.UnixEpoch,
        ProcedureCode = "1.003205",
        ReceivingDeskCode = "H49.50",
        HandlingAgencyCode = agency,
        Entry = new HistoryEntry
        {
            Version = 2,
            At = DateTimeOffset.UnixEpoch,
            Action = action,
            Actor = new Actor { Party = Party.DeskOfficer, PersonId = "mc-01" },
            FromState = DossierState.Received,
            ToState = to,
            AgencyCode = agency,
        },
    };

    [Fact]
    public void An_empty_filter_lets_every_change_through_and_each_list_narrows()
    {
        Assert.True(SubscriptionRules.Matches(SubscriptionFilter.Everything, Change()));
        Assert.True(SubscriptionRules.Matches(new SubscriptionFilter { AgencyCodes = ["H49.08", "H49.09"] }, Change()));
        Assert.False(SubscriptionRules.Matches(new SubscriptionFilter { AgencyCodes = ["H49.09"] }, Change()));
        Assert.False(SubscriptionRules.Matches(new SubscriptionFilter { DeskCodes = ["H49.193"] }, Change()));
        Assert.False(SubscriptionRules.Matches(new SubscriptionFilter { ProcedureCodes = ["1.000399"] }, Change()));
        Assert.True(SubscriptionRules.Matches(new SubscriptionFilter { Actions = [DossierAction.Accept] }, Change()));
        Assert.False(SubscriptionRules.Matches(new SubscriptionFilter { Actions = [DossierAction.Submit] }, Change()));
        Assert.True(SubscriptionRules.Matches(new SubscriptionFilter { States = [DossierState.InProcessing] }, Change()));
        Assert.False(SubscriptionRules.Matches(new SubscriptionFilter { Actions = [DossierAction.Accept], States = [DossierState.ResultReturned] }, Change()));
    }

    [Fact]
    public void The_agency_is_the_one_holding_the_dossier_after_the_change()
    {
        var transferred = Change(DossierAction.Transfer, DossierState.InProcessing, agency: "H49.09") with { HandlingAgencyCode = "H49.08" };
        Assert.True(SubscriptionRules.Matches(new SubscriptionFilter { AgencyCodes = ["H49.09"] }, transferred));
    }

    [Fact]
    public void A_change_whose_dossier_is_gone_passes_only_a_filter_that_asks_for_no_action_nor_state()
    {
        var gone = Change() with { Entry = null };
        Assert.True(SubscriptionRules.Matches(new SubscriptionFilter { AgencyCodes = ["H49.08"] }, gone));
        Assert.False(SubscriptionRules.Matches(new SubscriptionFilter { Actions = [DossierAction.Accept] }, gone));
    }

    [Theory]
    [InlineData("https://partner.example.vn/hooks", null)]
    [InlineData("http://127.0.0.1:8080/hooks", null)]
    [InlineData("http://localhost/hooks", null)]
    [InlineData("http://[::1]/hooks", null)]
    [InlineData("http://partner.example.vn/hooks", "endpoint")]
    [InlineData("http://10.0.0.5/hooks", "endpoint")]
    [InlineData("ftp://127.0.0.1/hooks", "endpoint")]
    [InlineData("file:///etc/passwd", "endpoint")]
    [InlineData("https://a:b@partner.example.vn/", "endpoint")]
    [InlineData("https://partner.example.vn/#x", "endpoint")]
    [InlineData("hooks", "endpoint")]
    [InlineData("", "endpoint")]
    public void Endpoints_are_https_or_loopback(string endpoint, string? field)
    {
        var failure = SubscriptionRules.Validate(new SubscriptionDefinition { Name = "Bưu điện", Endpoint = endpoint, Filter = SubscriptionFilter.Everything });
        Assert.Equal(field, failure?.Field);
    }

    [Fact]
    public void Filters_name_known_values_within_limits()
    {
        static string? FieldOf(SubscriptionFilter filter) =>
            SubscriptionRules.Validate(new SubscriptionDefinition { Name = "x", Endpoint = "https://p.example/", Filter = filter })?.Field;

        Assert.Null(FieldOf(new SubscriptionFilter { Actions = [DossierAction.Accept], States = [DossierState.ResultReturned] }));
        Assert.Equal("filter.actions", FieldOf(new SubscriptionFilter { Actions = [(DossierAction)999] }));
        Assert.Equal("filter.states", FieldOf(new SubscriptionFilter { States = [DossierState.None] }));
        Assert.Equal("filter.agency_codes", FieldOf(new SubscriptionFilter { AgencyCodes = [.. Enumerable.Range(0, 101).Select(i => "A" + i)] }));
        Assert.Equal("filter.procedure_codes", FieldOf(new SubscriptionFilter { ProcedureCodes = [new string('x', 65)] }));
    }

    [Fact]
    public void Retries_wait_twice_as_long_each_time_up_to_the_longest_wait()
    {
        var first = TimeSpan.FromSeconds(2);
        var longest = TimeSpan.FromMinutes(10);
        Assert.Equal(TimeSpan.FromSeconds(2), DeliveryBackoff.DelayAfter(1, first, longest));
        Assert.Equal(TimeSpan.FromSeconds(4), DeliveryBackoff.DelayAfter(2, first, longest));
        Assert.Equal(TimeSpan.FromSeconds(256), DeliveryBackoff.DelayAfter(8, first, longest));
        Assert.Equal(TimeSpan.FromSeconds(512), DeliveryBackoff.DelayAfter(9, first, longest));
        Assert.Equal(longest, DeliveryBackoff.DelayAfter(10, first, longest));
        Assert.Equal(longest, DeliveryBackoff.DelayAfter(1000, TimeSpan.FromDays(1), longest));
    }
}
