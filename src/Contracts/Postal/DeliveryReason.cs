namespace DossierTracking.Contracts.Postal;

/// <summary>
/// Why a delivery failed or a result went back to the sender, in this system's words. Carriers send their own codes;
/// the domain maps them to these (the carrier's raw code is kept beside it, as sent).
/// </summary>
[GenerateSerializer, Alias("dvc.DeliveryReason")]
public enum DeliveryReason
{
    /// <summary>None given (and the only value for events other than a failed delivery or a return).</summary>
    Unspecified = 0,
    RecipientAbsent = 1,
    AddressNotFound = 2,
    /// <summary>The recipient refused the item.</summary>
    Refused = 3,
    /// <summary>The post could not reach the recipient by phone.</summary>
    UnreachablePhone = 4,
    /// <summary>Any other reason, and every raw code the carrier's table does not know.</summary>
    Other = 5,
}
