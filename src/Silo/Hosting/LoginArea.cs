using System.Security.Claims;

namespace DossierTracking.Silo.Hosting;

/// <summary>
/// A set of browser pages behind the token login form (<see cref="DashboardLogin"/>): its paths, the cookie that
/// carries the token there and nowhere else, who may log in, and the form's words in the pages' language.
/// </summary>
public sealed record LoginArea
{
    /// <summary>The area's path; its cookie is sent for this path and below only.</summary>
    public required string Prefix { get; init; }

    /// <summary>The cookie's name: one per area, so that a token kept for one area never reaches another.</summary>
    public required string Cookie { get; init; }

    /// <summary>Where the form sends a browser once logged in.</summary>
    public required string Home { get; init; }

    /// <summary>Whose token may be kept (the area's pages check again on every request).</summary>
    public required Func<ClaimsIdentity, bool> Admits { get; init; }

    public required string Language { get; init; }
    public required string Title { get; init; }
    public required string TokenLabel { get; init; }
    public required string SubmitLabel { get; init; }
    public required string LogoutLabel { get; init; }
    public required string ForeignFormMessage { get; init; }
    public required string MissingTokenMessage { get; init; }
    public required string InvalidTokenMessage { get; init; }
    public required string RoleRefusedMessage { get; init; }

    public string LoginPath => Prefix + "/login";
    public string LogoutPath => Prefix + "/logout";
}
