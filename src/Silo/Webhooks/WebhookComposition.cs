using DossierTracking.Contracts.Webhooks;
using DossierTracking.Grains.Webhooks;

namespace DossierTracking.Silo.Webhooks;

/// <summary>Registers webhook delivery: the sender the subscriptions use, its HTTP client, and the wake-up round.</summary>
public static class WebhookComposition
{
    public static IServiceCollection AddDossierWebhooks(this IServiceCollection services, WebhookOptions options)
    {
        services.AddSingleton<WebhookMetrics>();
        services.AddSingleton(new WebhookEvents(options.Source));
        services.AddSingleton<IWebhookSender>(sp => new WebhookSender(sp.GetRequiredService<IHttpClientFactory>(), sp.GetRequiredService<WebhookEvents>(), TimeProvider.System));
        services.AddHttpClient(WebhookSender.ClientName, client => client.Timeout = options.RequestTimeout)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                // A redirect would send a citizen's change to an address the subscription did not name.
                AllowAutoRedirect = false,
                UseCookies = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                // The address is checked where the connection is made, after name resolution, so a name that resolves
                // (or later re-resolves) to an inside address is refused as well.
                ConnectCallback = (context, token) => WebhookDestinations.ConnectAsync(context, options.AllowPrivateNetworks, token),
            });
        if (options.Enabled)
        {
            services.AddHostedService<SubscriptionWaker>();
        }

        return services;
    }
}
