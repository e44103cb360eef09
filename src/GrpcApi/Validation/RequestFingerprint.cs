using System.Security.Cryptography;
using System.Text;
using Google.Protobuf;

namespace DossierTracking.GrpcApi.Validation;

/// <summary>
/// What a request asks for, as a short hash of its method and its encoded fields: a retry (the same bytes) has the
/// same fingerprint, another request reusing the request id has another.
/// </summary>
public static class RequestFingerprint
{
    public static string Of(string method, IMessage request)
    {
        var methodBytes = Encoding.UTF8.GetBytes(method);
        var buffer = new byte[methodBytes.Length + request.CalculateSize()];
        methodBytes.CopyTo(buffer, 0);
        request.WriteTo(buffer.AsSpan(methodBytes.Length));
        return Convert.ToHexString(SHA256.HashData(buffer), 0, 16);
    }
}
