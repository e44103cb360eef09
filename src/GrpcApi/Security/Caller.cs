using System.Security.Claims;
using DossierTracking.Contracts.Catalog;
using DossierTracking.Contracts.Dossiers;
using Grpc.Core;

namespace DossierTracking.GrpcApi.Security;

/// <summary>Who is calling, from the validated token: never from the request body.</summary>
public sealed record Caller(string Role, string PersonId, string Name, string AgencyCode)
{
    public static readonly Caller Anonymous = new("", "", "", "");

    public bool IsAnonymous => Role.Length == 0;

    public bool IsOfficer => Roles.IsOfficer(Role);

    /// <summary>
    /// The province whose dossiers and units this caller may see: an officer's unit's, a supervisor's own (a supervisor's
    /// unit is the province office, whose code is the province code); empty for the roles that are not of one province
    /// (portals, partners, the synchroniser, administrators and operators of the deployment).
    /// </summary>
    public string Province => IsOfficer || Role == Roles.Supervisor ? ProvinceCodes.Of(AgencyCode) : "";

    /// <summary>The actor every change by this caller is recorded with.</summary>
    public Actor ToActor() => new()
    {
        Party = Roles.PartyOf(Role),
        PersonId = PersonId,
        PersonName = Name,
        AgencyCode = IsOfficer || Role == Roles.Supervisor ? AgencyCode : "",
    };

    public static Caller From(ClaimsPrincipal? user)
    {
        if (user?.Identity?.IsAuthenticated != true)
        {
            return Anonymous;
        }

        return new Caller(
            user.FindFirstValue(CallerClaims.Role) ?? "",
            user.FindFirstValue(CallerClaims.Subject) ?? "",
            user.FindFirstValue(CallerClaims.Name) ?? "",
            user.FindFirstValue(CallerClaims.Agency) ?? "");
    }

    public static Caller Of(ServerCallContext context) => From(context.GetHttpContext().User);
}
