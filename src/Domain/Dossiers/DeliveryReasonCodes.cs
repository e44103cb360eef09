using System.Collections.Frozen;
using DossierTracking.Contracts.Postal;

namespace DossierTracking.Domain.Dossiers;

/// <summary>
/// Each carrier's raw codes for a failed delivery or a return, mapped to <see cref="DeliveryReason"/>. It is data: the
/// host builds it from the setting <c>Postal:ReasonCodes</c> (carrier, then raw code, then reason). A carrier the setting
/// names gets exactly the codes given there; the province's public postal service (<see cref="PublicPostCarrier"/>)
/// has a built-in table, <see cref="PublicPostDefaults"/>, when the setting does not name it. Those codes are
/// illustrative, not the carrier's published list: configure the real ones. Raw codes match without regard to case.
/// A raw code the carrier's table does not know maps to <see cref="DeliveryReason.Other"/>; the raw code is kept anyway.
/// </summary>
public sealed class DeliveryReasonCodes
{
    /// <summary>The partner code of the province's public postal service, the default carrier.</summary>
    public const string PublicPostCarrier = "vnpost-qn";

    /// <summary>Illustrative codes for the public postal service (replace them with the carrier's own through the setting).</summary>
    public static IReadOnlyDictionary<string, DeliveryReason> PublicPostDefaults { get; } = new Dictionary<string, DeliveryReason>
    {
        ["V01"] = DeliveryReason.RecipientAbsent,
        ["V02"] = DeliveryReason.AddressNotFound,
        ["V03"] = DeliveryReason.Refused,
        ["V04"] = DeliveryReason.UnreachablePhone,
        ["V99"] = DeliveryReason.Other,
    };

    /// <summary>The built-in table alone (no setting).</summary>
    public static DeliveryReasonCodes Default { get; } = From(null);

    private readonly FrozenDictionary<string, FrozenDictionary<string, DeliveryReason>> _byCarrier;

    private DeliveryReasonCodes(FrozenDictionary<string, FrozenDictionary<string, DeliveryReason>> byCarrier) => _byCarrier = byCarrier;

    /// <summary>The built-in table, with each carrier <paramref name="configured"/> names replaced by its configured codes.</summary>
    public static DeliveryReasonCodes From(IReadOnlyDictionary<string, Dictionary<string, DeliveryReason>>? configured)
    {
        var tables = new Dictionary<string, FrozenDictionary<string, DeliveryReason>>(StringComparer.Ordinal)
        {
            [PublicPostCarrier] = PublicPostDefaults.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase),
        };
        foreach (var (carrier, codes) in configured ?? new Dictionary<string, Dictionary<string, DeliveryReason>>())
        {
            tables[carrier] = codes.ToFrozenDictionary(c => c.Key.Trim(), c => c.Value, StringComparer.OrdinalIgnoreCase);
        }

        return new DeliveryReasonCodes(tables.ToFrozenDictionary(StringComparer.Ordinal));
    }

    /// <summary>
    /// The reason to record for an event: the one reported when given; else, for a failed delivery or a return with a
    /// raw code, the carrier's mapping of it (<see cref="DeliveryReason.Other"/> for an unknown code); else none.
    /// </summary>
    public DeliveryReason Normalise(string carrier, ShipmentStatus status, DeliveryReason reported, string rawCode)
    {
        if (reported != DeliveryReason.Unspecified || !TakesReason(status) || rawCode.Length == 0)
        {
            return reported;
        }

        return _byCarrier.TryGetValue(carrier, out var codes) && codes.TryGetValue(rawCode.Trim(), out var reason) && reason != DeliveryReason.Unspecified
            ? reason
            : DeliveryReason.Other;
    }

    /// <summary>Only a failed delivery or a return has a reason.</summary>
    public static bool TakesReason(ShipmentStatus status) => status is ShipmentStatus.DeliveryFailed or ShipmentStatus.ReturnedToSender;
}
