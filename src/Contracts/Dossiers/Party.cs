namespace DossierTracking.Contracts.Dossiers;

/// <summary>The kind of caller that performs an action on a dossier.</summary>
[GenerateSerializer, Alias("dvc.Party")]
public enum Party
{
    /// <summary>Nobody in particular: a caller without a token (a citizen with a receipt code).</summary>
    Unspecified = 0,
    /// <summary>A portal backend acting on behalf of the applicant.</summary>
    Portal = 1,
    /// <summary>An officer of a one-stop receiving desk.</summary>
    DeskOfficer = 2,
    /// <summary>An officer of the competent or a coordinating agency.</summary>
    AgencyOfficer = 3,
    /// <summary>A leader of the agency (may stop processing).</summary>
    AgencyLeader = 4,
    PaymentIntermediary = 5,
    PostalService = 6,
    /// <summary>The system itself (deadline expiry and other automatic steps).</summary>
    System = 7,
    /// <summary>The province office that oversees every agency: reads, never changes a dossier.</summary>
    Supervisor = 8,
    /// <summary>The synchroniser with the National Public Service Portal: reads the change feed and the dossiers' papers.</summary>
    Sync = 9,
}
