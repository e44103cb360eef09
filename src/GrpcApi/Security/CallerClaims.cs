namespace DossierTracking.GrpcApi.Security;

/// <summary>The claims this API reads from a token.</summary>
public static class CallerClaims
{
    public const string Role = "role";
    /// <summary>The desk or agency code an officer acts for; for a supervisor, the province code (the province office).</summary>
    public const string Agency = "agency";
    /// <summary>The person or partner: officer id, portal id, intermediary or postal operator code.</summary>
    public const string Subject = "sub";
    public const string Name = "name";
}
