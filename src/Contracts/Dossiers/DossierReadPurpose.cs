namespace DossierTracking.Contracts.Dossiers;

/// <summary>What a caller reads of a dossier; each purpose has its own ownership rule (the domain's access table).</summary>
[GenerateSerializer, Alias("dvc.DossierReadPurpose")]
public enum DossierReadPurpose
{
    /// <summary>The record: in full for those entitled, the public view for everyone else.</summary>
    Record = 0,
    /// <summary>Following its changes as they happen.</summary>
    Watch = 1,
    /// <summary>One payment request (an intermediary).</summary>
    PaymentRequest = 2,
    /// <summary>One shipment of the result by post (a carrier).</summary>
    Shipment = 3,
    /// <summary>Who read or changed it (the audit trail).</summary>
    Audit = 4,
    /// <summary>Its papers: the list of references, and their bytes.</summary>
    Document = 5,
}
