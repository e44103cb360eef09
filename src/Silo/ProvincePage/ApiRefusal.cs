namespace DossierTracking.Silo.ProvincePage;

/// <summary>The JSON body of a refused request: a stable reason, as the gRPC API's ErrorInfo, and a sentence.</summary>
public sealed record ApiRefusal(string Reason, string Message);
