using DossierTracking.GrpcApi.Security;
using Grpc.AspNetCore.Server;
using Microsoft.OpenApi.Models;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace DossierTracking.Silo.Hosting;

/// <summary>
/// Writes each operation's access rule (<see cref="ApiAccess"/>) into the OpenAPI document: whether it needs a bearer
/// token, and which roles may call it. Read from the same table the access check enforces, so the document cannot
/// promise more than the service allows.
/// </summary>
public sealed class OpenApiAccessFilter : IOperationFilter
{
    public const string Scheme = "bearer";

    private static readonly OpenApiSecurityScheme Bearer = new()
    {
        Reference = new OpenApiReference { Type = ReferenceType.SecurityScheme, Id = Scheme },
    };

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var method = context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<GrpcMethodMetadata>().FirstOrDefault()?.Method.FullName;
        if (method is null || !ApiAccess.Rules.TryGetValue(method, out var access))
        {
            return;
        }

        var roles = string.Join(", ", access.Roles.Order(StringComparer.Ordinal));
        var who = access.Anonymous ? "Open to anyone (a token, when sent, must be valid)." : $"Needs a bearer token with role {roles}.";
        operation.Description = string.IsNullOrEmpty(operation.Description) ? who : operation.Description + "\n\n" + who;
        operation.Security.Add(new OpenApiSecurityRequirement { [Bearer] = [] });
        if (access.Anonymous)
        {
            // An empty requirement: the token is optional.
            operation.Security.Add(new OpenApiSecurityRequirement());
        }

        operation.Extensions["x-grpc-method"] = new Microsoft.OpenApi.Any.OpenApiString(method);
    }
}
