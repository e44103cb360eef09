using System.Security.Claims;
using DossierTracking.Contracts.Catalog;
using DossierTracking.GrpcApi.Security;
using Microsoft.AspNetCore.Authentication;

namespace DossierTracking.Silo.Hosting;

/// <summary>
/// A supervisor reads one province, named by the token's <c>agency</c> claim (the province office's code, H49). This
/// settles that claim once for every door (gRPC, REST, the province page and its login form):
/// <list type="bullet">
/// <item>Where the deployment serves a single province, a supervisor's token that names none is taken to be that
/// province's, as tokens were before a deployment could serve several. The province's own identity provider issues
/// them; deployments sharing one identity provider should give every supervisor token its province.</item>
/// <item>A supervisor's claim that is not a province served here (another province, a unit's code) is dropped, so such a
/// token sees no province anywhere: refused at the API's door (<see cref="AccessInterceptor"/>, NO_PROVINCE) and
/// on the province page.</item>
/// </list>
/// </summary>
public sealed class SupervisorProvinceClaim(IProvinces provinces) : IClaimsTransformation
{
    public Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true || principal.FindFirstValue(CallerClaims.Role) != Roles.Supervisor)
        {
            return Task.FromResult(principal);
        }

        var claims = principal.FindAll(CallerClaims.Agency).ToList();
        // Only province codes are served: a unit's code (H49.50) never passes.
        if (claims.Count == 1 && provinces.Serves(claims[0].Value))
        {
            return Task.FromResult(principal);
        }

        var settled = principal.Clone();
        var identity = (ClaimsIdentity)settled.Identity!;
        foreach (var claim in identity.FindAll(CallerClaims.Agency).ToList())
        {
            identity.RemoveClaim(claim);
        }

        if (claims.Count == 0 && provinces.Codes.Count == 1)
        {
            identity.AddClaim(new Claim(CallerClaims.Agency, provinces.Codes[0]));
        }

        return Task.FromResult(settled);
    }
}
