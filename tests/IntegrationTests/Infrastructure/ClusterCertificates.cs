using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace DossierTracking.IntegrationTests.Infrastructure;

/// <summary>Self-signed cluster certificates for silos (trust comes from the pinned thumbprint), written as PFX files.</summary>
public static class ClusterCertificates
{
    public const string Password = "cluster-test";

    /// <summary>A certificate with its private key, usable as TLS server and client, as every silo is both.</summary>
    public static X509Certificate2 Create(string subject = "dvc-cluster")
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest($"CN={subject}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], critical: false));
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx, Password), Password);
    }

    /// <summary>Writes the certificate with its key to a PFX file (password <see cref="Password"/>) in a fresh temp folder.</summary>
    public static string WritePfx(X509Certificate2 certificate)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("dvc-cluster-cert-").FullName, "cluster.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, Password));
        return path;
    }

    public static string Thumbprint(X509Certificate2 certificate) => certificate.GetCertHashString(HashAlgorithmName.SHA256);
}
