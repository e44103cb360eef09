namespace DossierTracking.Silo.Configuration;

/// <summary>
/// Which provinces this deployment serves. Section <c>Provinces</c>. Each province is a tenant: its own receipt codes
/// (its desks' codes extend its code), agencies, catalogue and supervisors; nothing of one is seen from another
/// (docs/provinces.md). The holiday calendar is national and shared.
/// </summary>
public sealed class ProvinceOptions
{
    public const string Section = "Provinces";

    /// <summary>The province codes served (H49), first the default of callers that name none; empty for the province of the shipped catalogue alone.</summary>
    public List<string> Served { get; set; } = [];

    /// <summary>
    /// The catalogue file each province starts from, by province code, read once: at the first start, when the
    /// province has no published version yet. The shipped catalogue's province needs none. Later versions are published
    /// (<c>reference publish --province</c>), not configured.
    /// </summary>
    public Dictionary<string, string> CatalogFiles { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The provinces served: <see cref="Served"/>, or <paramref name="shipped"/> when none is configured.</summary>
    public IReadOnlyList<string> ServedOr(string shipped) => Served.Count > 0 ? Served : [shipped];
}
