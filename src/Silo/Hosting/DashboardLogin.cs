using System.Text.Encodings.Web;
using DossierTracking.GrpcApi.Security;
using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace DossierTracking.Silo.Hosting;

/// <summary>
/// A browser cannot add a header to the dashboard's own requests, so an operator pastes a token into a small form
/// (<c>GET /dashboard/login</c>); the silo checks it like any bearer token and, for role <c>operator</c>, keeps it in
/// cookie <see cref="Cookie"/>: HttpOnly (scripts cannot read it), Secure with TLS, SameSite=Strict, path
/// <c>/dashboard</c>, expiring with the token. <c>POST /dashboard/logout</c> clears it. The province page
/// (<see cref="ProvincePage.ProvincePageLogin"/>) has the same form under its own path, with a cookie of its own.
/// </summary>
/// <remarks>
/// Cross-site forms: the cookie is SameSite=Strict, so another site's page cannot make a browser send it; the login and
/// logout forms themselves accept a POST only when its Origin (or, without one, its Referer) is this silo, so another
/// site cannot log a browser in with a token of its choosing either. An origin check rather than an antiforgery
/// token: it needs no state, so the form may be served by one silo and posted to another behind a load balancer
/// without sharing Data Protection keys. Nothing the browser sends is written back into a page.
/// One cookie per area (<see cref="LoginArea"/>), each with the area's path: a cookie is read only on its own area's
/// paths, so an operator's dashboard cookie never opens the province page and a leader's province cookie never
/// reaches the dashboard, whatever the roles allow.
/// </remarks>
public static class DashboardLogin
{
    /// <summary>The cookie a browser carries an operator's token in, for the dashboard only.</summary>
    public const string Cookie = "dvc_operator";

    public const string Prefix = "/dashboard";
    public const string LoginPath = Prefix + "/login";
    public const string LogoutPath = Prefix + "/logout";

    /// <summary>Far above any real token (an identity provider's are 1–2 KB) and within what browsers keep in one cookie.</summary>
    private const int MaxTokenLength = 4000;

    /// <summary>The Orleans dashboard, for operators.</summary>
    public static readonly LoginArea Dashboard = new()
    {
        Prefix = Prefix,
        Cookie = Cookie,
        Home = Prefix + "/",
        Admits = caller => caller.HasClaim(CallerClaims.Role, Roles.Operator),
        Language = "en",
        Title = "Operator login",
        TokenLabel = "Operator token (from the identity provider)",
        SubmitLabel = "Open the dashboard",
        LogoutLabel = "Log out",
        ForeignFormMessage = "This form must be sent from the silo's own pages.",
        MissingTokenMessage = "Paste an operator's token (a JWT) into the box.",
        InvalidTokenMessage = "This token is not valid here: expired, not yet valid, wrongly signed, issued for another audience, or valid for too long.",
        RoleRefusedMessage = "This token is valid, but not an operator's: the dashboard is for role operator.",
    };

    private static readonly LoginArea[] Areas = [Dashboard, ProvincePage.ProvincePageLogin.Area];

    public static IEndpointRouteBuilder MapDashboardLogin(this IEndpointRouteBuilder app) => app.MapLogin(Dashboard);

    /// <summary>Maps an area's login form (GET and POST) and its logout (POST).</summary>
    public static IEndpointRouteBuilder MapLogin(this IEndpointRouteBuilder app, LoginArea area)
    {
        app.MapGet(area.LoginPath, (HttpContext context) => Page(context, area, StatusCodes.Status200OK, null));
        app.MapPost(area.LoginPath, (HttpContext context) => LogInAsync(context, area));
        app.MapPost(area.LogoutPath, (HttpContext context) => LogOut(context, area));
        return app;
    }

    /// <summary>For <see cref="JwtBearerEvents.OnMessageReceived"/>: on an area's paths the token may come in that area's cookie.</summary>
    public static Task ReadCookie(MessageReceivedContext context)
    {
        if (context.Request.Headers.Authorization.Count == 0 && AreaOf(context.Request) is { } area
            && context.Request.Cookies.TryGetValue(area.Cookie, out var token))
        {
            context.Token = token;
        }

        return Task.CompletedTask;
    }

    /// <summary>For <see cref="JwtBearerEvents.OnChallenge"/>: a browser opening an area's page without a valid token is sent to its form.</summary>
    public static Task SendBrowserToLogin(JwtBearerChallengeContext context)
    {
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method) && AreaOf(request) is { } area && !request.Path.StartsWithSegments(area.LoginPath)
            && request.Headers.Accept.Any(a => a?.Contains("text/html", StringComparison.OrdinalIgnoreCase) == true))
        {
            context.Response.Redirect(area.LoginPath);
            context.HandleResponse();
        }

        return Task.CompletedTask;
    }

    private static LoginArea? AreaOf(HttpRequest request) => Array.Find(Areas, a => request.Path.StartsWithSegments(a.Prefix));

    private static async Task LogInAsync(HttpContext context, LoginArea area)
    {
        if (!IsSameOrigin(context.Request))
        {
            await Page(context, area, StatusCodes.Status403Forbidden, area.ForeignFormMessage);
            return;
        }

        var token = context.Request.HasFormContentType ? (await context.Request.ReadFormAsync(context.RequestAborted))["token"].ToString().Trim() : "";
        if (token.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            token = token["Bearer ".Length..].Trim();
        }

        if (token.Length is 0 or > MaxTokenLength)
        {
            await Page(context, area, StatusCodes.Status400BadRequest, area.MissingTokenMessage);
            return;
        }

        if (await CallerAuthentication.ValidateAsync(context.RequestServices, token) is not { } valid)
        {
            await Page(context, area, StatusCodes.Status401Unauthorized, area.InvalidTokenMessage);
            return;
        }

        if (!area.Admits(valid.Caller))
        {
            await Page(context, area, StatusCodes.Status403Forbidden, area.RoleRefusedMessage);
            return;
        }

        context.Response.Cookies.Append(area.Cookie, token, CookieOptions(context, area, new DateTimeOffset(valid.Expires, TimeSpan.Zero)));
        context.Response.StatusCode = StatusCodes.Status303SeeOther;
        context.Response.Headers.Location = area.Home;
    }

    private static Task LogOut(HttpContext context, LoginArea area)
    {
        if (!IsSameOrigin(context.Request))
        {
            return Page(context, area, StatusCodes.Status403Forbidden, area.ForeignFormMessage);
        }

        context.Response.Cookies.Delete(area.Cookie, CookieOptions(context, area, null));
        context.Response.StatusCode = StatusCodes.Status303SeeOther;
        context.Response.Headers.Location = area.LoginPath;
        return Task.CompletedTask;
    }

    private static CookieOptions CookieOptions(HttpContext context, LoginArea area, DateTimeOffset? expires) => new()
    {
        HttpOnly = true,
        Secure = context.Request.IsHttps,
        SameSite = SameSiteMode.Strict,
        Path = area.Prefix,
        Expires = expires,
        IsEssential = true,
    };

    /// <summary>Whether the browser says the form was sent from a page of this silo (scheme, host and port).</summary>
    private static bool IsSameOrigin(HttpRequest request)
    {
        var source = request.Headers.Origin.ToString();
        if (source.Length == 0 || source == "null")
        {
            source = request.Headers.Referer.ToString();
        }

        return Uri.TryCreate(source, UriKind.Absolute, out var from)
            && string.Equals(from.GetLeftPart(UriPartial.Authority), $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase);
    }

    private static Task Page(HttpContext context, LoginArea area, int status, string? message)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = "text/html; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        response.Headers.XFrameOptions = "DENY";
        response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'";
        // Keeps the Origin header on the form's own POST (no-referrer would send "Origin: null").
        response.Headers["Referrer-Policy"] = "same-origin";
        var notice = message is null ? "" : $"<p class=\"notice\">{HtmlEncoder.Default.Encode(message)}</p>";
        // The area's words are the code's own constants; HtmlEncoder would turn Vietnamese letters into entities, which browsers show alike.
        return response.WriteAsync($$"""
            <!DOCTYPE html>
            <html lang="{{area.Language}}">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{{area.Title}}</title>
            <style>body{font-family:sans-serif;max-width:40em;margin:3em auto;padding:0 1em}textarea{width:100%;height:8em;box-sizing:border-box}.notice{color:#a00}</style></head>
            <body>
            <h1>{{area.Title}}</h1>
            {{notice}}
            <form method="post" action="{{area.LoginPath}}">
            <p><label for="token">{{area.TokenLabel}}</label></p>
            <textarea id="token" name="token" autocomplete="off" spellcheck="false" required></textarea>
            <p><button type="submit">{{area.SubmitLabel}}</button></p>
            </form>
            <form method="post" action="{{area.LogoutPath}}"><p><button type="submit">{{area.LogoutLabel}}</button></p></form>
            </body>
            </html>
            """);
    }
}
