using System.Collections.Frozen;
using DossierTracking.Contracts.Catalog;

namespace DossierTracking.Domain.Catalog;

/// <summary>
/// The catalogues in force, one per served province. The set of provinces is fixed when the host starts (its
/// configuration); each province's catalogue is swapped in whole when a newer version is published for it, without a
/// lock on the lookups. A province listed as served whose catalogue has not been loaded yet answers null, like one not
/// served: the host loads every served province's catalogue before it serves a call.
/// </summary>
public sealed class ProvinceCatalogs : IProvinces
{
    private readonly FrozenDictionary<string, CatalogInForce> _served;

    /// <param name="served">The province codes served, in order.</param>
    /// <param name="seeds">Catalogues already at hand (the shipped seed); those of provinces not served are ignored.</param>
    public ProvinceCatalogs(IReadOnlyList<string> served, IEnumerable<ReferenceCatalog> seeds)
    {
        ArgumentNullException.ThrowIfNull(served);
        if (served.Count == 0 || served.Distinct(StringComparer.Ordinal).Count() != served.Count)
        {
            throw new ArgumentException("At least one province, each once.", nameof(served));
        }

        Codes = [.. served];
        var known = seeds.ToDictionary(c => c.Province, StringComparer.Ordinal);
        _served = served.ToFrozenDictionary(code => code, code => new CatalogInForce(known.GetValueOrDefault(code)), StringComparer.Ordinal);
    }

    /// <summary>One province, with its catalogue: what a single-province host and the tests use.</summary>
    public ProvinceCatalogs(ReferenceCatalog catalog)
        : this([catalog.Province], [catalog])
    {
    }

    /// <summary>The shipped seed catalogue's province alone.</summary>
    public static ProvinceCatalogs Shipped() => new(ReferenceCatalog.LoadEmbedded());

    public IReadOnlyList<string> Codes { get; }

    public ICatalog? Catalog(string province) =>
        _served.TryGetValue(province, out var inForce) && inForce.IsLoaded ? inForce : null;

    /// <summary>Puts <paramref name="next"/> in force for its own province; false when that province is not served here.</summary>
    public bool Replace(ReferenceCatalog next)
    {
        ArgumentNullException.ThrowIfNull(next);
        if (!_served.TryGetValue(next.Province, out var inForce))
        {
            return false;
        }

        inForce.Replace(next);
        return true;
    }
}
