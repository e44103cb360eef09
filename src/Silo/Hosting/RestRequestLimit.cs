using DossierTracking.GrpcApi;
using Microsoft.AspNetCore.Grpc.JsonTranscoding;
using Microsoft.AspNetCore.Http.Features;

namespace DossierTracking.Silo.Hosting;

/// <summary>
/// The size limit of a gRPC message (<see cref="GrpcApiExtensions.MaxReceiveMessageBytes"/>) for REST bodies too,
/// which transcoding reads without it: a body announced larger is refused at once (413, RESOURCE_EXHAUSTED, before any
/// service code, as gRPC refuses a large message), and a body that turns out larger while read is cut off there
/// (400, INVALID_ARGUMENT from the JSON reader).
/// </summary>
public static class RestRequestLimit
{
    public static IApplicationBuilder UseRestRequestLimit(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<GrpcJsonTranscodingMetadata>() is null)
        {
            return next(context);
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
