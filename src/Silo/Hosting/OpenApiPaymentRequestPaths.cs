using Microsoft.OpenApi.Models;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace DossierTracking.Silo.Hosting;

/// <summary>
/// A payment request's id holds a slash (<c>{receipt_code}/{n}</c>), so its routes take it as two path segments
/// (<c>/v1/payment-requests/H49.50-201019-0001/1</c>). OpenAPI has no parameter spanning segments: a client built from
/// one <c>{paymentRequestId}</c> would escape the slash and miss the route. The document names the two parts instead.
/// </summary>
public sealed class OpenApiPaymentRequestPaths : IDocumentFilter
{
    private const string Whole = "{paymentRequestId}";
    private const string Parts = "{receiptCode}/{paymentNumber}";

    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        foreach (var (path, item) in document.Paths.Where(p => p.Key.Contains(Whole, StringComparison.Ordinal)).ToList())
        {
            foreach (var operation in item.Operations.Values)
            {
                var index = operation.Parameters.ToList().FindIndex(p => p.In == ParameterLocation.Path && p.Name == "paymentRequestId");
                if (index < 0)
                {
                    continue;
                }

                operation.Parameters.RemoveAt(index);
                operation.Parameters.Insert(index, PathParameter("paymentNumber", "integer", "The payment request's number within the dossier (the part after the slash of its id)."));
                operation.Parameters.Insert(index, PathParameter("receiptCode", "string", "The dossier's receipt code (the part before the slash of the payment request's id)."));
            }

            document.Paths.Remove(path);
            document.Paths.Add(path.Replace(Whole, Parts, StringComparison.Ordinal), item);
        }
    }

    private static OpenApiParameter PathParameter(string name, string type, string description) => new()
    {
        Name = name,
        In = ParameterLocation.Path,
        Required = true,
        Description = description,
        Schema = new OpenApiSchema { Type = type },
    };
}
