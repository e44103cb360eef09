using DossierTracking.Contracts.Dossiers;
using DossierTracking.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Metadata;
using Orleans.Serialization.TypeSystem;

namespace DossierTracking.IntegrationTests.Hosting;

/// <summary>The host caches grain interface types; the cache must give exactly what Orleans computes itself.</summary>
public sealed class GrainInterfaceTypeTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    [Theory]
    [InlineData(typeof(IDossierGrain))]
    [InlineData(typeof(IDossierIntakeGrain))]
    [InlineData(typeof(IReceiptSequenceGrain))]
    [InlineData(typeof(IManagementGrain))]
    public void Cached_interface_types_equal_what_Orleans_resolves_without_the_cache(Type grainInterface)
    {
        var services = fixture.Host.Services;
        var hosted = services.GetRequiredService<GrainInterfaceTypeResolver>();
        var stock = new GrainInterfaceTypeResolver([new AttributeGrainInterfaceTypeProvider(services)], services.GetRequiredService<TypeConverter>());
        Assert.Equal(stock.GetGrainInterfaceType(grainInterface), hosted.GetGrainInterfaceType(grainInterface));
    }
}
