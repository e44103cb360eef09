namespace DossierTracking.Contracts.ReferenceData;

/// <summary>The names of the kinds on the wire, in the table and on the command line: <c>catalog</c> and <c>calendar</c>.</summary>
public static class ReferenceDataKinds
{
    public const string CatalogName = "catalog";
    public const string CalendarName = "calendar";

    public static IReadOnlyList<ReferenceDataKind> All { get; } = [ReferenceDataKind.Catalog, ReferenceDataKind.Calendar];

    public static string Name(ReferenceDataKind kind) => kind switch
    {
        ReferenceDataKind.Catalog => CatalogName,
        ReferenceDataKind.Calendar => CalendarName,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a kind of reference data."),
    };

    /// <summary>The kind named <paramref name="name"/> (exactly, lower case), or false.</summary>
    public static bool TryParse(string? name, out ReferenceDataKind kind)
    {
        kind = name switch
        {
            CatalogName => ReferenceDataKind.Catalog,
            CalendarName => ReferenceDataKind.Calendar,
            _ => ReferenceDataKind.Unspecified,
        };
        return kind != ReferenceDataKind.Unspecified;
    }
}
