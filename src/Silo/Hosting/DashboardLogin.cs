using System.Text.Encodings.Web;
using DossierTracking.GrpcApi.Security;
using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace DossierTracking.Silo.Hosting;

/// <summary>
/// A browser cannot add a header to the dashboard's own requests, so an operator pastes a token into a small form
/// (<c>GET /dashboard/login</c>); the silo checks it like any bearer token and, for role <c>operator</c>, keeps it in
/// cookie <see cref="Cookie"/>: HttpOnly (scripts cannot read it), Secure with TLS, SameSite=Strict, path
/// <c>/dashboard</c>, expiring with the token. <c>POST /dashboard/logout</c> clears it.
/// </summary>
/// <remarks>
/// Cross-site forms: the cookie is SameSite=Strict, so another site's page cannot make a browser send it; the login and
/// logout forms themselves accept a POST only when its Origin (or, without one, its Referer) is this silo, so another
/// site cannot log a browser in with a token of its choosing either. An origin check rather than an antiforgery
/// token: it needs no state, so the form may be served by one silo and posted to another behind a load balancer
/// without sharing Data Protection keys. Nothing the browser sends is written back into a page.
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

    public static IEndpointRouteBuilder MapDashboardLogin(this IEndpointRouteBuilder app)
    {
        app.MapGet(LoginPath, (HttpContext context) => Page(context, StatusCodes.Status200OK, null));
        app.MapPost(LoginPath, LogInAsync);
        app.MapPost(LogoutPath, LogOut);
        return app;
    }

    /// <summary>For <see cref="JwtBearerEvents.OnMessageReceived"/>: on the dashboard's paths the token may come in the cookie.</summary>
    public static Task ReadCookie(MessageReceivedContext context)
    {
        if (context.Request.Path.StartsWithSegments(Prefix) && context.Request.Headers.Authorization.Count == 0
            && context.Request.Cookies.TryGetValue(Cookie, out var token))
        {
            context.Token = token;
        }

        return Task.CompletedTask;
    }

    /// <summary>For <see cref="JwtBearerEvents.OnChallenge"/>: a browser opening the dashboard without a valid token is sent to the form.</summary>
    public static Task SendBrowserToLogin(JwtBearerChallengeContext context)
    {
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method) && request.Path.StartsWithSegments(Prefix) && !request.Path.StartsWithSegments(LoginPath)
            && request.Headers.Accept.Any(a => a?.Contains("text/html", StringComparison.OrdinalIgnoreCase) == true))
        {
            context.Response.Redirect(LoginPath);
            context.HandleResponse();
        }

        return Task.CompletedTask;
    }

    private static async Task LogInAsync(HttpContext context)
    {
        if (!IsSameOrigin(context.Request))
        {
            await Page(context, StatusCodes.Status403Forbidden, "This form must be sent from the silo's own login page.");
            return;
        }

        var token = context.Request.HasFormContentType ? (await context.Request.ReadFormAsync(context.RequestAborted))["token"].ToString().Trim() : "";
        if (token.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            token = token["Bearer ".Length..].Trim();
        }

        if (token.Length is 0 or > MaxTokenLength)
        {
            await Page(context, StatusCodes.Status400BadRequest, "Paste an operator's token (a JWT) into the box.");
            return;
        }

        if (await CallerAuthentication.ValidateAsync(context.RequestServices, token) is not { } valid)
        {
            await Page(context, StatusCodes.Status401Unauthorized,
                "This token is not valid here: expired, not yet valid, wrongly signed, issued for another audience, or valid for too long.");
            return;
        }

        if (!valid.Caller.HasClaim(CallerClaims.Role, Roles.Operator))
        {
            await Page(context, StatusCodes.Status403Forbidden, "This token is valid, but not an operator's: the dashboard is for role operator.");
            return;
        }

        context.Response.Cookies.Append(Cookie, token, CookieOptions(context, new DateTimeOffset(valid.Expires, TimeSpan.Zero)));
        context.Response.StatusCode = StatusCodes.Status303SeeOther;
        context.Response.Headers.Location = Prefix + "/";
    }

    private static Task LogOut(HttpContext context)
    {
        if (!IsSameOrigin(context.Request))
        {
            return Page(context, StatusCodes.Status403Forbidden, "This form must be sent from the silo's own pages.");
        }

        context.Response.Cookies.Delete(Cookie, CookieOptions(context, null));
        context.Response.StatusCode = StatusCodes.Status303SeeOther;
        context.Response.Headers.Location = LoginPath;
        return Task.CompletedTask;
    }

    private static CookieOptions CookieOptions(HttpContext context, DateTimeOffset? expires) => new()
    {
        HttpOnly = true,
        Secure = context.Request.IsHttps,
        SameSite = SameSiteMode.Strict,
        Path = Prefix,
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

    private static Task Page(HttpContext context, int status, string? message)
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
        return response.WriteAsync($$"""
            <!DOCTYPE html>
            <html lang="en">
            <head><meta charset="utf-8"><title>Dossier tracking: operator login</title>
            <style>body{font-family:sans-serif;max-width:40em;margin:3em auto}textarea{width:100%;height:8em}.notice{color:#a00}</style></head>
            <body>
            <h1>Operator login</h1>
            {{notice}}
            <form method="post" action="{{LoginPath}}">
            <p><label for="token">Operator token (from the identity provider)</label></p>
            <textarea id="token" name="token" autocomplete="off" spellcheck="false" required></textarea>
            <p><button type="submit">Open the dashboard</button></p>
            </form>
            <form method="post" action="{{LogoutPath}}"><p><button type="submit">Log out</button></p></form>
            </body>
            </html>
            """);
    }
}
