using DossierTracking.Contracts.Catalog;
using DossierTracking.GrpcApi.Errors;
using Grpc.Core;

namespace DossierTracking.GrpcApi.Security;

/// <summary>Which agencies a caller may read: an officer its own, a supervisor every one of its province.</summary>
public static class AgencyScopeCheck
{
    /// <summary>
    /// Refuses (PERMISSION_DENIED) an officer asking about another agency. Supervisors pass when
    /// <paramref name="supervisorsToo"/> for an agency of their province; another province's agency answers as an unknown
    /// one (NOT_FOUND), so a supervisor learns nothing of other provinces.
    /// </summary>
    public static void RequireOwnAgency(ServerCallContext context, string agencyCode, bool supervisorsToo)
    {
        var caller = Caller.Of(context);
        if (supervisorsToo && caller.Role == Roles.Supervisor)
        {
            if (!ProvinceCodes.IsIn(agencyCode, caller.Province))
            {
                throw UnknownAgency(agencyCode);
            }

            return;
        }

        if (!caller.IsOfficer || !string.Equals(caller.AgencyCode, agencyCode, StringComparison.Ordinal))
        {
            // The same words whether or not the agency asked about exists.
            throw ApiErrors.PermissionDenied("OTHER_AGENCY", $"An officer reads the lists, figures and reports of their own unit ({caller.AgencyCode}) only.");
        }
    }

    /// <summary>The answer for an agency code that names nothing this caller may see.</summary>
    public static RpcException UnknownAgency(string agencyCode) =>
        ApiErrors.NotFound("agency_code", "AGENCY_NOT_FOUND", $"No agency has code {agencyCode}.");

    /// <summary>Province- and level-wide figures are for supervisors, of their own province.</summary>
    public static void RequireSupervisor(ServerCallContext context)
    {
        if (Caller.Of(context).Role != Roles.Supervisor)
        {
            throw ApiErrors.PermissionDenied("SUPERVISORS_ONLY", "Reports over a whole level or the province are for supervisors.");
        }
    }
}
