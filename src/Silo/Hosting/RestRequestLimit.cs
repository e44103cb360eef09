using DossierTracking.GrpcApi;
using Microsoft.AspNetCore.Grpc.JsonTranscoding;
using Microsoft.AspNetCore.Http.Features;

namespace DossierTracking.Silo.Hosting;

/// <summary>
/// The size limit of a gRPC message (<see cref="GrpcApiExtensions.MaxReceiveMessageBytes"/>) for REST bodies too,
/// which transcoding reads without it: a body announced larger is refused at once (413, RESOURCE_EXHAUSTED, before any
/// service code, as gRPC refuses a large message), and a body that turns out larger while read is cut off there
/// (400, INVALID_ARGUMENT from the JSON reader). A GET carrying the applicant's second factor in its query is refused
/// (400, SECOND_FACTOR_IN_QUERY). Every REST answer says no-store: it may carry a dossier's personal data, which no
/// browser or proxy cache should keep.
/// </summary>
public static class RestRequestLimit
{
    /// <summary>Query keys (proto and JSON names) of the applicant's second factor, refused on GET.</summary>
    private static readonly string[] SecondFactorKeys = ["lookup_pin", "lookupPin", "applicant_id_number", "applicantIdNumber"];

    public static IApplicationBuilder UseRestRequestLimit(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<GrpcJsonTranscodingMetadata>() is null)
        {
            return next(context);
        }

        context.Response.Headers.CacheControl = "no-store";
        if (HttpMethods.IsGet(context.Request.Method) && SecondFactorKeys.FirstOrDefault(context.Request.Query.ContainsKey) is { } key)
        {
            // A PIN or an ID number in a URL stays in proxies' and browsers' logs: the POST forms take them in the body.
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return context.Response.WriteAsJsonAsync(new Dictionary<string, object>
            {
                ["code"] = (int)Grpc.Core.StatusCode.InvalidArgument,
                ["message"] = $"{key} must not be sent in a URL: use the POST form of this call (for example POST /v1/dossiers/{{receipt_code}}:lookup) with it in the body.",
                ["details"] = new object[]
                {
                    new Dictionary<string, object>
                    {
                        ["@type"] = "type.googleapis.com/google.rpc.ErrorInfo",
                        ["reason"] = "SECOND_FACTOR_IN_QUERY",
                        ["domain"] = DossierTracking.GrpcApi.Errors.ApiErrors.Domain,
                    },
                },
            });
        }

        if (context.Request.ContentLength > GrpcApiExtensions.MaxReceiveMessageBytes)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return context.Response.WriteAsJsonAsync(new
            {
                code = (int)Grpc.Core.StatusCode.ResourceExhausted,
                message = $"The request body is larger than {GrpcApiExtensions.MaxReceiveMessageBytes} bytes.",
                details = Array.Empty<object>(),
            });
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = GrpcApiExtensions.MaxReceiveMessageBytes;
        }

        return next(context);
    });
}
