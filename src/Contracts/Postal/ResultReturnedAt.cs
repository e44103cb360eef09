namespace DossierTracking.Contracts.Postal;

/// <summary>When a result sent by post counts as returned (state 10): the policy setting of docs/domain.md.</summary>
public enum ResultReturnedAt
{
    /// <summary>When the post reports it delivered (the default).</summary>
    Delivery = 0,
    /// <summary>When the desk hands it to the post.</summary>
    Handover = 1,
}
