using System.Xml.XPath;
using Microsoft.OpenApi.Models;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace DossierTracking.Silo.Hosting;

/// <summary>
/// Describes each group of operations (one per gRPC service) with the comment of its service in the .proto file,
/// which the generated code carries: what partners need (refusals, idempotency, ownership), not how the silo
/// implements it.
/// </summary>
public sealed class OpenApiServiceDescriptions(string commentsPath, string serviceNamespace) : IDocumentFilter
{
    private readonly Lazy<XPathNavigator> _comments = new(() => new XPathDocument(commentsPath).CreateNavigator());

    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        var services = context.ApiDescriptions.SelectMany(d => d.ActionDescriptor.EndpointMetadata.OfType<Grpc.AspNetCore.Server.GrpcMethodMetadata>())
            .Select(m => m.Method.ServiceName[(m.Method.ServiceName.LastIndexOf('.') + 1)..])
            .Distinct(StringComparer.Ordinal);
        document.Tags = services.Select(service => new OpenApiTag { Name = service, Description = Summary(service) }).ToList();
    }

    private string? Summary(string service)
    {
        var summary = _comments.Value.SelectSingleNode($"/doc/members/member[@name='T:{serviceNamespace}.{service}']/summary")?.Value;
        if (summary is null)
        {
            return null;
        }

        // The comment's lines, without the indentation of the XML file, paragraphs kept.
        var lines = summary.Split('\n').Select(l => l.Trim());
        return string.Join('\n', lines).Trim();
    }
}
