using DossierTracking.Contracts.Postal;

using DossierTracking.Domain.Dossiers;

namespace DossierTracking.Grains.Dossiers;

/// <summary>Settings of results sent by post (section <c>Postal</c>).</summary>
public sealed class PostalOptions
{
    public const string Section = "Postal";

    /// <summary>When a result sent by post counts as returned: at <c>Delivery</c> (default) or at <c>Handover</c> to the post.</summary>
    public ResultReturnedAt ResultReturnedAt { get; set; } = ResultReturnedAt.Delivery;

    /// <summary>The default <see cref="DefaultCarrier"/>: the province's public postal service (its partner code in tokens).</summary>
    public const string DefaultCarrierCode = "vnpost-qn";

    /// <summary>
    /// The postal operator that carries a result when the desk names none: its partner code, as the subject of its
    /// token. Only the carrier of a shipment reports on it and reads it.
    /// </summary>
    public string DefaultCarrier { get; set; } = DefaultCarrierCode;

    /// <summary>
    /// Each carrier's raw codes for a failed delivery or a return, mapped to a <see cref="DeliveryReason"/>: carrier
    /// partner code, then raw code, then reason (e.g. <c>Postal:ReasonCodes:vnpost-qn:V01=RecipientAbsent</c>). A carrier
    /// named here gets exactly these codes; the public postal service has an illustrative built-in table
    /// (<see cref="DeliveryReasonCodes.PublicPostDefaults"/>) when it is not named. Unknown raw codes map to Other.
    /// </summary>
    /// <remarks>Kept as text (the binder skips a value it cannot convert): <see cref="ReasonTable"/> parses it, after the validator checked it.</remarks>
    public Dictionary<string, Dictionary<string, string>> ReasonCodes { get; set; } = new(StringComparer.Ordinal);

    /// <summary>A reason's name as the setting gives it (any case; numbers are not names); null when it is none.</summary>
    public static DeliveryReason? ParseReason(string value) =>
        value.Length > 0 && char.IsLetter(value[0]) && Enum.TryParse<DeliveryReason>(value, ignoreCase: true, out var reason) && reason != DeliveryReason.Unspecified
            ? reason
            : null;

    /// <summary><see cref="ReasonCodes"/> as the domain's table (codes with a reason that does not parse are left out; the validator refuses them first).</summary>
    public DeliveryReasonCodes ReasonTable() => DeliveryReasonCodes.From(ReasonCodes.ToDictionary(
        c => c.Key,
        c => c.Value.Where(p => ParseReason(p.Value) is not null).ToDictionary(p => p.Key, p => ParseReason(p.Value)!.Value),
        StringComparer.Ordinal));
}
