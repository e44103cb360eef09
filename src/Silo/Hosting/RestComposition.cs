using DossierTracking.GrpcApi;
using DossierTracking.Silo.Configuration;
using Google.Protobuf.Reflection;
using Grpc.AspNetCore.Server;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi.Models;

namespace DossierTracking.Silo.Hosting;

/// <summary>
/// REST/JSON for every public RPC (section <c>Rest</c>), by gRPC JSON transcoding: each RPC's <c>google.api.http</c>
/// option in the .proto files gives its route, and a REST call runs the same service method through the same
/// interceptors (access rules, throttles, audit, error mapping) as a gRPC call. Plaintext HTTP/1.1 clients (curl) use
/// the HTTP port; with TLS either port negotiates HTTP/1.1 or HTTP/2 (see <see cref="Transport"/>). Refusals answer the
/// HTTP status of their gRPC code with a <c>google.rpc.Status</c> body carrying the same details.
/// The OpenAPI document (<see cref="DocumentPath"/>) and its page (<see cref="PagePrefix"/>) describe the routes.
/// </summary>
public static class RestComposition
{
    public const string DocumentName = "v1";
    public const string PagePrefix = "/openapi";
    public const string DocumentPath = PagePrefix + "/" + DocumentName + ".json";

    /// <summary>The google.rpc detail messages an error body may carry, so they are written out as JSON (ErrorInfo, BadRequest, ...).</summary>
    private static readonly TypeRegistry ErrorDetails = TypeRegistry.FromFiles(Google.Rpc.ErrorDetailsReflection.Descriptor);

    public static IServiceCollection AddDossierRest(this IServiceCollection services, IConfiguration configuration)
    {
        var rest = services.AddSettings(configuration, RestOptions.Section, new RestOptions());
        if (!rest.Enabled)
        {
            return services;
        }

        // Field names as the proto JSON mapping gives them (lowerCamelCase), enums by name, every field written.
        services.AddGrpc().AddJsonTranscoding(o => o.TypeRegistry = ErrorDetails);
        if (rest.ServesOpenApi)
        {
            services.AddOutputCache();
            services.AddGrpcSwagger();
            services.AddSwaggerGen(o =>
            {
                o.SwaggerDoc(DocumentName, new OpenApiInfo
                {
                    Title = "Dossier tracking (REST/JSON)",
                    Version = DocumentName,
                    Description = "The gRPC API of the one-stop dossier tracking service, as REST with JSON bodies. Field names are the "
                        + "proto JSON names (lowerCamelCase); refusals answer the HTTP status of their gRPC code with a google.rpc.Status "
                        + "body whose details carry an ErrorInfo (a stable reason) and, for bad input, a BadRequest naming the field.",
                });
                // Only the transcoded RPCs: the probes, metrics and dashboard are not part of this API.
                o.DocInclusionPredicate((_, description) => description.ActionDescriptor.EndpointMetadata.OfType<GrpcMethodMetadata>().Any());
                var comments = Path.Combine(AppContext.BaseDirectory, typeof(GrpcApiExtensions).Assembly.GetName().Name + ".xml");
                if (File.Exists(comments))
                {
                    // The operations' comments from the .proto files; the services' too, not those of their C# implementations.
                    o.IncludeGrpcXmlComments(comments, includeControllerXmlComments: false);
                    o.DocumentFilter<OpenApiServiceDescriptions>(comments, typeof(GrpcApi.V1.DossierService).Namespace!);
                }

                o.AddSecurityDefinition(OpenApiAccessFilter.Scheme, new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    BearerFormat = "JWT",
                    Description = "A bearer token naming the caller's role (see the README, \"Who may do what\").",
                });
                o.OperationFilter<OpenApiAccessFilter>();
                o.DocumentFilter<OpenApiPaymentRequestPaths>();
            });
        }

        return services;
    }

    /// <summary>The body size limit of REST calls; the OpenAPI document and its page, when served (the page's scripts and styles come from the silo itself).</summary>
    public static WebApplication MapDossierRest(this WebApplication app)
    {
        var rest = app.Services.GetRequiredService<IOptions<RestOptions>>().Value;
        if (rest.Enabled)
        {
            app.UseRestRequestLimit();
        }

        if (!rest.ServesOpenApi)
        {
            return app;
        }

        // The document is the same for every caller until the silo restarts: built once, not per request.
        app.UseOutputCache();
        app.MapSwagger(PagePrefix.TrimStart('/') + "/{documentName}.json").CacheOutput(p => p.Expire(TimeSpan.FromDays(1)));
        app.UseSwaggerUI(o =>
        {
            o.RoutePrefix = PagePrefix.TrimStart('/');
            // Relative, so the page works behind a proxy that serves the silo under a path of its own.
            o.SwaggerEndpoint(DocumentName + ".json", "Dossier tracking " + DocumentName);
            o.DocumentTitle = "Dossier tracking: REST/JSON";
        });
        return app;
    }
}
