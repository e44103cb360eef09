using DossierTracking.GrpcApi.Errors;
using DossierTracking.GrpcApi.Security;
using DossierTracking.GrpcApi.Services;
using DossierTracking.GrpcApi.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace DossierTracking.GrpcApi;

public static class GrpcApiExtensions
{
    /// <summary>The largest request message accepted: dossiers carry no documents, and documents come in chunks of 64 KiB, so 1 MiB is ample.</summary>
    public const int MaxReceiveMessageBytes = 1024 * 1024;

    public static IServiceCollection AddDossierGrpcApi(this IServiceCollection services)
    {
        services.AddSingleton<AuditLog>();
        services.AddSingleton<LookupThrottle>();
        services.AddSingleton<Services.TransferSlots>();
        services.AddMetrics();
        services.AddSingleton<ApiMetrics>();
        services.AddSingleton<Validation.PageTokenKey>();
        services.AddSingleton<Validation.PageTokens>();
        services.AddGrpc(options =>
        {
            // The access check runs first and outside the error mapping: it audits each call once, with the status the
            // client gets (the mapping's retries happen inside it).
            options.Interceptors.Add<AccessInterceptor>();
            options.Interceptors.Add<ErrorMappingInterceptor>();
            options.MaxReceiveMessageSize = MaxReceiveMessageBytes;
            options.EnableDetailedErrors = false;
        }).AddServiceOptions<ImportApiService>(options => options.MaxReceiveMessageSize = ImportApiService.MaxMessageBytes)
            .AddServiceOptions<ReferenceDataApiService>(options => options.MaxReceiveMessageSize = ReferenceDataApiService.MaxMessageBytes);
        return services;
    }

    public static IEndpointRouteBuilder MapDossierGrpcApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGrpcService<DossierApiService>();
        endpoints.MapGrpcService<CatalogApiService>();
        endpoints.MapGrpcService<AgencyApiService>();
        endpoints.MapGrpcService<ReportApiService>();
        endpoints.MapGrpcService<PaymentApiService>();
        endpoints.MapGrpcService<PostalApiService>();
        endpoints.MapGrpcService<ChangeFeedApiService>();
        endpoints.MapGrpcService<AuditApiService>();
        endpoints.MapGrpcService<SubscriptionApiService>();
        endpoints.MapGrpcService<NotificationApiService>();
        endpoints.MapGrpcService<DocumentApiService>();
        endpoints.MapGrpcService<ImportApiService>();
        endpoints.MapGrpcService<ReferenceDataApiService>();
        return endpoints;
    }
}
