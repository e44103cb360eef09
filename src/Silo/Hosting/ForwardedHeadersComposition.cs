using System.Net;
using DossierTracking.Silo.Configuration;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace DossierTracking.Silo.Hosting;

/// <summary>
/// Behind a load balancer: the caller's address and scheme come from <c>X-Forwarded-For</c> and
/// <c>X-Forwarded-Proto</c>, but only on connections from the proxies declared in <c>Network:KnownProxies</c> and
/// <c>Network:KnownNetworks</c>. Without a declared proxy the headers are not read at all (the middleware is not
/// even added: with no known proxy ASP.NET Core would believe anyone). So the per-address lookup limit counts
/// citizens, not the proxy, and nobody else can pick the address it counts.
/// </summary>
public static class ForwardedHeadersComposition
{
    public static IServiceCollection AddDossierForwardedHeaders(this IServiceCollection services, NetworkOptions network, IConfiguration configuration)
    {
        // ASPNETCORE_FORWARDEDHEADERS_ENABLED=true makes ASP.NET Core believe forwarded headers from every source.
        if (string.Equals(configuration["ForwardedHeaders_Enabled"], "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new OptionsValidationException(NetworkOptions.Section, typeof(NetworkOptions),
                ["ASPNETCORE_FORWARDEDHEADERS_ENABLED=true would believe X-Forwarded-For from any caller: remove it and declare the proxies in Network:KnownProxies or Network:KnownNetworks."]);
        }

        if (!network.HasProxies)
        {
            return services;
        }

        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // The defaults trust loopback; here only what is declared is trusted.
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in network.KnownProxies)
            {
                o.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var range in network.KnownNetworks)
            {
                o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(range));
            }

            // Walk X-Forwarded-For from the right while the hop it came from is a declared proxy, and stop at the first
            // that is not: a chain of declared proxies works, and what a client wrote itself further left is never reached.
            o.ForwardLimit = null;
        });
        return services;
    }

    public static WebApplication UseDossierForwardedHeaders(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<NetworkOptions>>().Value.HasProxies)
        {
            app.UseForwardedHeaders();
        }

        return app;
    }
}
