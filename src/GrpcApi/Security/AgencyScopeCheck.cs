using DossierTracking.GrpcApi.Errors;
using Grpc.Core;

namespace DossierTracking.GrpcApi.Security;

/// <summary>Which agencies a caller may read: an officer its own, a supervisor every one.</summary>
public static class AgencyScopeCheck
{
    /// <summary>Refuses (PERMISSION_DENIED) an officer asking about another agency; supervisors pass when <paramref name="supervisorsToo"/>.</summary>
    public static void RequireOwnAgency(ServerCallContext context, string agencyCode, bool supervisorsToo)
    {
        var caller = Caller.Of(context);
        if (supervisorsToo && caller.Role == Roles.Supervisor)
        {
            return;
        }

        if (!caller.IsOfficer || !string.Equals(caller.AgencyCode, agencyCode, StringComparison.Ordinal))
        {
            // The same words whether or not the agency asked about exists.
            throw ApiErrors.PermissionDenied("OTHER_AGENCY", $"An officer reads the lists, figures and reports of their own unit ({caller.AgencyCode}) only.");
        }
    }

    /// <summary>Province- and level-wide figures are for supervisors.</summary>
    public static void RequireSupervisor(ServerCallContext context)
    {
        if (Caller.Of(context).Role != Roles.Supervisor)
        {
            throw ApiErrors.PermissionDenied("SUPERVISORS_ONLY", "Reports over a whole level or the province are for supervisors.");
        }
    }
}
