using DossierTracking.Contracts.Dossiers;

namespace DossierTracking.GrpcApi.Security;

/// <summary>
/// The callers of the API, as the <c>role</c> claim of their token names them. Officers also carry an <c>agency</c>
/// claim: the desk or agency they act for.
/// </summary>
public static class Roles
{
    /// <summary>A portal backend, on behalf of applicants: submit, withdraw, look up, watch, rate.</summary>
    public const string Portal = "portal";
    /// <summary>An officer of a one-stop desk (bộ phận một cửa).</summary>
    public const string DeskOfficer = "desk_officer";
    /// <summary>An officer of a department or other competent agency.</summary>
    public const string AgencyOfficer = "agency_officer";
    /// <summary>A leader of an agency: may stop processing.</summary>
    public const string AgencyLeader = "agency_leader";
    /// <summary>Reads every agency's figures and reports (province office).</summary>
    public const string Supervisor = "supervisor";
    /// <summary>The postal operator: reports delivery events.</summary>
    public const string Postal = "postal";
    /// <summary>A payment intermediary: reports its transactions.</summary>
    public const string Payment = "payment";
    /// <summary>Reference data, recounts, reflection.</summary>
    public const string Administrator = "admin";
    /// <summary>Runs the service: the dashboard and diagnostics.</summary>
    public const string Operator = "operator";
    /// <summary>Scheduled jobs of the system itself (a supplement deadline passing).</summary>
    public const string System = "system";
    /// <summary>The synchroniser with the National Public Service Portal: reads the change feed.</summary>
    public const string Sync = "sync";

    public static IReadOnlyList<string> All { get; } =
        [Portal, DeskOfficer, AgencyOfficer, AgencyLeader, Supervisor, Postal, Payment, Administrator, Operator, System, Sync];

    /// <summary>The roles that act for one agency and must carry an <c>agency</c> claim.</summary>
    public static bool IsOfficer(string role) => role is DeskOfficer or AgencyOfficer or AgencyLeader;

    /// <summary>The domain party a role acts as, for the roles that change dossiers.</summary>
    public static Party PartyOf(string role) => role switch
    {
        Portal => Party.Portal,
        DeskOfficer => Party.DeskOfficer,
        AgencyOfficer => Party.AgencyOfficer,
        AgencyLeader => Party.AgencyLeader,
        Postal => Party.PostalService,
        Payment => Party.PaymentIntermediary,
        System => Party.System,
        Supervisor => Party.Supervisor,
        Sync => Party.Sync,
        _ => Party.Unspecified,
    };

    /// <summary>The role a domain party is given a token for (tests and development clients).</summary>
    public static string Of(Party party) => party switch
    {
        Party.Portal => Portal,
        Party.DeskOfficer => DeskOfficer,
        Party.AgencyOfficer => AgencyOfficer,
        Party.AgencyLeader => AgencyLeader,
        Party.PostalService => Postal,
        Party.PaymentIntermediary => Payment,
        Party.System => System,
        Party.Supervisor => Supervisor,
        Party.Sync => Sync,
        _ => throw new ArgumentOutOfRangeException(nameof(party), party, "No role acts as this party."),
    };
}
