using DossierTracking.Contracts.Postal;

namespace DossierTracking.Grains.Dossiers;

/// <summary>Settings of results sent by post (section <c>Postal</c>).</summary>
public sealed class PostalOptions
{
    public const string Section = "Postal";

    /// <summary>When a result sent by post counts as returned: at <c>Delivery</c> (default) or at <c>Handover</c> to the post.</summary>
    public ResultReturnedAt ResultReturnedAt { get; set; } = ResultReturnedAt.Delivery;
}
