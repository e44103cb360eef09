namespace DossierTracking.Contracts.Webhooks;

/// <summary>One attempt to deliver one change: accepted by the endpoint (any 2xx answer), or what went wrong.</summary>
public sealed record DeliveryOutcome(bool Delivered, string Error)
{
    public static DeliveryOutcome Accepted { get; } = new(true, "");

    public static DeliveryOutcome Failed(string error) => new(false, error);
}
