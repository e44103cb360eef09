namespace DossierTracking.Contracts.Catalog;

/// <summary>
/// Which province a unit belongs to. A unit code extends its province's code (H49.22 is a desk of province H49), and a
/// receipt code starts with the code of the desk that issued it, so the province of a unit, a dossier, a payment request
/// or a shipment is read from its key, never stored beside it. The province is the tenant: nothing crosses from one to
/// another (docs/provinces.md).
/// </summary>
public static class ProvinceCodes
{
    /// <summary>The province of a unit code or receipt code: its first dot-separated group (H49 for H49.22-201021-0001).</summary>
    public static string Of(string unitOrReceiptCode)
    {
        ArgumentNullException.ThrowIfNull(unitOrReceiptCode);
        var end = unitOrReceiptCode.AsSpan().IndexOfAny('.', '-');
        return end < 0 ? unitOrReceiptCode : unitOrReceiptCode[..end];
    }

    /// <summary>Whether <paramref name="code"/> has a province code's form: one group of upper-case letters and digits (H49).</summary>
    public static bool IsProvinceCode(string code) =>
        Dossiers.ReceiptCode.UnitCodePattern().IsMatch(code) && !code.Contains('.', StringComparison.Ordinal);

    /// <summary>Whether two unit or receipt codes belong to the same province.</summary>
    public static bool Same(string a, string b) => string.Equals(Of(a), Of(b), StringComparison.Ordinal);

    /// <summary>Whether <paramref name="unitCode"/> is the province <paramref name="province"/> itself or one of its units.</summary>
    public static bool IsIn(string unitCode, string province) =>
        province.Length > 0 && string.Equals(Of(unitCode), province, StringComparison.Ordinal);
}
