namespace DossierTracking.LoadTests.Crash;

/// <summary>
/// The failure-detection settings a round runs with. Default is Orleans' own (a silo probes up to 3 others every 5 s;
/// 3 missed probes make it suspect, 2 suspicions declare the silo dead: about 15 s), as production runs. Tuned is what
/// the crash tests use: probes every second, 2 missed, 1 vote, the table read and written every 2 s.
/// </summary>
public enum Membership
{
    Default,
    Tuned,
}

/// <summary>The silo settings of each <see cref="Membership"/>.</summary>
public static class MembershipSettings
{
    public static IReadOnlyDictionary<string, string> Of(Membership membership) => membership switch
    {
        Membership.Tuned => new Dictionary<string, string>
        {
            ["Silo__Membership__ProbeTimeout"] = "00:00:01",
            ["Silo__Membership__NumMissedProbesLimit"] = "2",
            ["Silo__Membership__NumVotesForDeathDeclaration"] = "1",
            ["Silo__Membership__TableRefreshTimeout"] = "00:00:02",
            ["Silo__Membership__IAmAliveTablePublishTimeout"] = "00:00:02",
        },
        _ => new Dictionary<string, string>(),
    };

    public static string NameOf(Membership membership) => membership == Membership.Tuned ? "tuned" : "default";
}
