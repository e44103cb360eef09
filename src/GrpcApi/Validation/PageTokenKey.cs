namespace DossierTracking.GrpcApi.Validation;

/// <summary>
/// The secret that seals page tokens: the same on every silo of a deployment, so a token issued by one silo opens on
/// another. The host loads it from the database at start-up, before any call is served.
/// </summary>
public sealed class PageTokenKey
{
    public const int Bytes = 32;

    private byte[]? _key;

    public byte[] Value => _key ?? throw new InvalidOperationException("The page-token key was not loaded: the host sets it at start-up.");

    public void Set(byte[] key) => _key = key.Length == Bytes ? key : throw new ArgumentException($"A page-token key is {Bytes} bytes.", nameof(key));
}
