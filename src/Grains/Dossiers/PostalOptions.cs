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
}
