using System.Security.Claims;
using DossierTracking.Contracts.Catalog;
using DossierTracking.Contracts.Dossiers;
using DossierTracking.GrpcApi.Security;

namespace DossierTracking.Silo.ProvincePage;

/// <summary>
/// What a caller may see on the province page, from its token alone. Supervisors read every agency's figures and the
/// province's reports over gRPC already; operators have no agency RPC (those are for doing the work), but the page's
/// counts and pipeline lags carry no personal data and are what they watch to run the service. A supervisor sees their
/// own province (the <c>agency</c> claim names it: H49) and every agency of it, never another province's; an operator
/// runs the whole deployment and sees every province served, with their sum. An agency's leader (role <c>agency_leader</c>, bound to its unit by the <c>agency</c> claim) sees that unit only, and
/// no province total: over gRPC a leader reads its own unit's figures and nothing province-wide. Everyone else sees
/// nothing. Desk and agency officers read their unit's figures over gRPC, but the page is for those who answer for a
/// unit or for the province.
/// </summary>
/// <param name="WholeProvince">The province's totals and every agency of it.</param>
/// <param name="AgencyCode">The one agency seen, when not the whole province.</param>
/// <param name="Province">The province seen whole; empty for an operator, who sees every province served.</param>
public sealed record ProvinceViewer(bool WholeProvince, string AgencyCode, string Province = "")
{
    /// <summary>The caller's view, or null when it may not open the page.</summary>
    public static ProvinceViewer? Of(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true)
        {
            return null;
        }

        var role = user.FindFirstValue(CallerClaims.Role);
        if (role is Roles.Operator)
        {
            return new ProvinceViewer(true, "");
        }

        var agency = user.FindFirstValue(CallerClaims.Agency) ?? "";
        if (role is Roles.Supervisor)
        {
            return ProvinceCodes.IsProvinceCode(agency)
                ? new ProvinceViewer(true, "", agency)
                : null;
        }

        return role == Roles.AgencyLeader && agency.Length <= 64 && ReceiptCode.UnitCodePattern().IsMatch(agency)
            ? new ProvinceViewer(false, agency)
            : null;
    }

    /// <summary>Whether this viewer may see the agency with this code (known or not: the answer does not depend on it).</summary>
    public bool Sees(string agencyCode) =>
        WholeProvince ? Province.Length == 0 || ProvinceCodes.IsIn(agencyCode, Province) : string.Equals(agencyCode, AgencyCode, StringComparison.Ordinal);
}
