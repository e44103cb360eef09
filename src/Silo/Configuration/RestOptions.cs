namespace DossierTracking.Silo.Configuration;

/// <summary>The REST/JSON face of the gRPC API. Section <c>Rest</c>.</summary>
public sealed class RestOptions
{
    public const string Section = "Rest";

    /// <summary>
    /// Serves every public RPC also as REST with JSON bodies (gRPC JSON transcoding, routes from the
    /// <c>google.api.http</c> options in the .proto files), on both endpoints; HTTP/1.1 clients use the HTTP port.
    /// The same service code, access rules, throttles, audit and error mapping serve both.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Publishes the OpenAPI document (<c>/openapi/v1.json</c>) and its interactive page (<c>/openapi</c>) to
    /// anyone. Ignored when <see cref="Enabled"/> is false: there would be nothing to describe.
    /// </summary>
    public bool OpenApi { get; set; } = true;

    /// <summary>Whether the OpenAPI document and page are served.</summary>
    public bool ServesOpenApi => Enabled && OpenApi;
}
