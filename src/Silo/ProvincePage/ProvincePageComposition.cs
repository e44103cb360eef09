using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization;
using DossierTracking.Contracts.Dossiers;
using DossierTracking.Silo.Configuration;
using DossierTracking.Silo.Hosting;
using Microsoft.Extensions.Options;

namespace DossierTracking.Silo.ProvincePage;

/// <summary>
/// The province page on the HTTP port: <c>GET /province</c> (the page), <c>GET /province/figures</c> (what the viewer
/// may see, as JSON), <c>GET /province/figures/{agencyCode}</c> (one agency), the page's script and style under
/// <c>/province/assets/</c>, and the login form (<see cref="ProvincePageLogin"/>). Without a valid token: 401, or a
/// browser opening the page is sent to the form; a token of another role: 403. An agency leader asking about another
/// agency gets 403 with the same body whether that agency exists or not.
/// </summary>
public static class ProvincePageComposition
{
    public const string Policy = "province-page";
    public const string PagePath = ProvincePageLogin.Prefix;
    public const string FiguresPath = ProvincePageLogin.Prefix + "/figures";

    private const string Csp = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; " +
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private static readonly FrozenDictionary<string, (string ContentType, byte[] Content)> Assets = new Dictionary<string, (string, byte[])>
    {
        ["province.css"] = ("text/css; charset=utf-8", Resource("province.css")),
        ["province.js"] = ("text/javascript; charset=utf-8", Resource("province.js")),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly byte[] PageHtml = Resource("province.html");

    /// <summary>The body of every refusal of another agency: the same whether that agency exists or not.</summary>
    private static readonly ApiRefusal OtherAgency = new("OTHER_AGENCY", "An agency leader sees the figures of their own unit only.");

    public static IServiceCollection AddProvincePage(this IServiceCollection services, IConfiguration configuration)
    {
        var options = services.AddSettings(configuration, ProvincePageOptions.Section, new ProvincePageOptions(), new ProvincePageOptionsValidator());
        if (!options.Enabled)
        {
            return services;
        }

        services.AddSingleton<PipelineLags>(sp => new PipelineLags(sp.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), TimeProvider.System));
        services.AddHostedService(sp => sp.GetRequiredService<PipelineLags>());
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<ProvinceFigureSource>(sp, TimeProvider.System));
        services.AddAuthorizationBuilder().AddPolicy(Policy, p => p.RequireAuthenticatedUser().RequireAssertion(c => ProvinceViewer.Of(c.User) is not null));
        return services;
    }

    public static WebApplication MapProvincePage(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<IOptions<ProvincePageOptions>>().Value.Enabled)
        {
            return app;
        }

        app.MapLogin(ProvincePageLogin.Area);
        var page = app.MapGroup(ProvincePageLogin.Prefix).RequireAuthorization(Policy);
        page.MapGet("", Page);
        page.MapGet("/assets/{name}", Asset);
        page.MapGet("/figures", FiguresAsync);
        page.MapGet("/figures/{agencyCode}", AgencyAsync);
        return app;
    }

    private static IResult Page(HttpContext context)
    {
        Protect(context.Response);
        return Results.Bytes(PageHtml, "text/html; charset=utf-8");
    }

    private static IResult Asset(string name, HttpContext context)
    {
        if (!Assets.TryGetValue(name, out var asset))
        {
            return Results.NotFound();
        }

        Protect(context.Response);
        return Results.Bytes(asset.Content, asset.ContentType);
    }

    private static async Task<IResult> FiguresAsync(HttpContext context, ProvinceFigureSource source)
    {
        var viewer = ProvinceViewer.Of(context.User)!;
        Protect(context.Response);
        return await SnapshotAsync(source) is { } snapshot ? Results.Json(snapshot.For(viewer), Json) : Unavailable();
    }

    private static async Task<IResult> AgencyAsync(string agencyCode, HttpContext context, ProvinceFigureSource source)
    {
        var viewer = ProvinceViewer.Of(context.User)!;
        Protect(context.Response);
        // A leader learns nothing about other codes, well formed or not, known or not.
        if (!viewer.WholeProvince && !viewer.Sees(agencyCode))
        {
            return Results.Json(OtherAgency, Json, statusCode: StatusCodes.Status403Forbidden);
        }

        if (agencyCode.Length > 64 || !ReceiptCode.UnitCodePattern().IsMatch(agencyCode))
        {
            return Results.Json(new ApiRefusal("INVALID_AGENCY_CODE", "The agency code must be one such as H49.50 or H49.193."), Json,
                statusCode: StatusCodes.Status400BadRequest);
        }

        if (await SnapshotAsync(source) is not { } snapshot)
        {
            return Unavailable();
        }

        // A supervisor is answered alike for another province's agency and an unknown one.
        var tile = snapshot.Agencies.FirstOrDefault(a => a.Code == agencyCode && viewer.Sees(a.Code));
        return tile is not null ? Results.Json(snapshot with { Province = null, Agencies = [tile] }, Json)
            : viewer.WholeProvince ? Results.Json(new ApiRefusal("AGENCY_NOT_FOUND", $"No agency has code {agencyCode}."), Json, statusCode: StatusCodes.Status404NotFound)
            : Results.Json(OtherAgency, Json, statusCode: StatusCodes.Status403Forbidden);
    }

    private static async Task<ProvinceSnapshot?> SnapshotAsync(ProvinceFigureSource source)
    {
        try
        {
            return await source.GetAsync();
        }
        catch (Exception)
        {
            // Logged by the source; the page shows that figures are missing and asks again.
            return null;
        }
    }

    private static IResult Unavailable() =>
        Results.Json(new ApiRefusal("BACKEND_UNAVAILABLE", "The agencies' figures could not be gathered just now: try again in a few seconds."), Json,
            statusCode: StatusCodes.Status503ServiceUnavailable);

    private static void Protect(HttpResponse response)
    {
        response.Headers.CacheControl = "no-store";
        response.Headers.XFrameOptions = "DENY";
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.ContentSecurityPolicy = Csp;
        response.Headers["Referrer-Policy"] = "same-origin";
    }

    private static byte[] Resource(string name)
    {
        using var stream = typeof(ProvincePageComposition).Assembly.GetManifestResourceStream("province/" + name)
            ?? throw new InvalidOperationException($"The province page's resource {name} is not embedded.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
