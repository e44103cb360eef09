using DossierTracking.GrpcApi.V1;

namespace DossierTracking.LoadTests.Phases;

/// <summary>The officers the load test acts as; the API checks that each acts for the unit that holds the dossier.</summary>
public static class Actors
{
    public static Actor DeskOfficer(string deskCode) => new() { Party = Party.DeskOfficer, PersonId = "loadtest-desk", AgencyCode = deskCode };

    public static Actor AgencyOfficer(string agencyCode) => new() { Party = Party.AgencyOfficer, PersonId = "loadtest-agency", AgencyCode = agencyCode };
}
