using System.Reflection;
using DossierTracking.Grains.Dossiers;

namespace DossierTracking.IntegrationTests.Architecture;

/// <summary>Inside the grains, the dossier side knows nothing of the agencies side: the agencies listen through an interface the dossiers own.</summary>
public sealed class DependencyDirectionTests
{
    [Fact]
    public void No_dossier_grain_type_uses_an_agency_type()
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var dossierTypes = typeof(DossierGrain).Assembly.GetTypes().Where(t => t.Namespace == typeof(DossierGrain).Namespace).ToList();
        Assert.NotEmpty(dossierTypes);
        var used = dossierTypes.SelectMany(t =>
            t.GetFields(all).Select(f => f.FieldType)
                .Concat(t.GetConstructors(all).SelectMany(c => c.GetParameters()).Select(p => p.ParameterType))
                .Concat(t.GetMethods(all).SelectMany(m => m.GetParameters().Select(p => p.ParameterType).Append(m.ReturnType)))
                .Select(type => (Owner: t, Type: type)));
        var toAgencies = used.Where(u => u.Type.Namespace == "DossierTracking.Grains.Agencies").Select(u => $"{u.Owner.Name} -> {u.Type.Name}").Distinct().ToList();
        Assert.True(toAgencies.Count == 0, "dossier types using agency types: " + string.Join(", ", toAgencies));
    }
}
