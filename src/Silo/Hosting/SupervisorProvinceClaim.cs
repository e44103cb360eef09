using System.Security.Claims;
using DossierTracking.Contracts.Catalog;
using DossierTracking.GrpcApi.Security;
using Microsoft.AspNetCore.Authentication;

namespace DossierTracking.Silo.Hosting;

/// <summary>
/// A supervisor reads one province, named by the token's <c>agency</c> claim (the province office's code, H49). Where
/// the deployment serves a single province, a supervisor's token that names none is taken to be that province's, as
/// tokens were before a deployment could serve several; where it serves several, such a token is refused at the door
/// (<see cref="AccessInterceptor"/>) and sees nothing on the province page.
/// </summary>
public sealed class SupervisorProvinceClaim(IProvinces provinces) : IClaimsTransformation
{
    public Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
    {
        if (provinces.Codes.Count != 1 || principal.Identity?.IsAuthenticated != true
            || principal.FindFirstValue(CallerClaims.Role) != Roles.Supervisor || principal.HasClaim(c => c.Type == CallerClaims.Agency))
        {
            return Task.FromResult(principal);
        }

        var named = principal.Clone();
        ((ClaimsIdentity)named.Identity!).AddClaim(new Claim(CallerClaims.Agency, provinces.Codes[0]));
        return Task.FromResult(named);
    }
}
