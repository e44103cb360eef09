using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DossierTracking.GrpcApi.V1;
using DossierTracking.IntegrationTests.Infrastructure;
using Grpc.Core;
using Grpc.Net.Client;

namespace DossierTracking.IntegrationTests.Security;

/// <summary>A partner may authenticate with a pinned TLS client certificate instead of a token, with its role and nothing more.</summary>
public sealed class PartnerCertificateTests
{
    private static X509Certificate2 SelfSigned(string subject, bool server = false)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest($"CN={subject}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        if (server)
        {
            var san = new SubjectAlternativeNameBuilder();
            san.AddIpAddress(System.Net.IPAddress.Loopback);
            request.CertificateExtensions.Add(san.Build());
        }

        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx, "p"), "p");
    }

    [Fact]
    public async Task A_pinned_partner_certificate_acts_as_that_partner_and_an_unknown_one_as_nobody()
    {
        using var server = SelfSigned("localhost", server: true);
        var serverPath = Path.Combine(TestHost.NewDataDirectory(), "silo.pfx");
        await File.WriteAllBytesAsync(serverPath, server.Export(X509ContentType.Pfx, "s"));
        using var partner = SelfSigned("vnpay-gateway");
        using var stranger = SelfSigned("someone-else");

        await using var host = await TestHost.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Network:CertificatePath"] = serverPath,
            ["Network:CertificatePassword"] = "s",
            ["Auth:PartnerCertificates:0:Thumbprint"] = partner.GetCertHashString(HashAlgorithmName.SHA256),
            ["Auth:PartnerCertificates:0:Role"] = "payment",
            ["Auth:PartnerCertificates:0:Subject"] = "vnpay",
        });
        var port = host.Settings["Network:GrpcPort"];

        GrpcChannel ChannelWith(X509Certificate2 client)
        {
            var handler = new SocketsHttpHandler { SslOptions = { RemoteCertificateValidationCallback = (_, cert, _, _) => cert?.Subject == "CN=localhost" } };
            handler.SslOptions.ClientCertificates = [client];
            return GrpcChannel.ForAddress($"https://127.0.0.1:{port}", new GrpcChannelOptions { HttpHandler = handler, DisposeHttpClient = true });
        }

        async Task<StatusCode> Status(Func<Task> call)
        {
            try
            {
                await call();
                return StatusCode.OK;
            }
            catch (RpcException e)
            {
                return e.StatusCode;
            }
        }

        using var asPartner = ChannelWith(partner);
        var payments = new PaymentService.PaymentServiceClient(asPartner);
        // Past the access check: an unknown request is not this intermediary's.
        Assert.Equal(StatusCode.PermissionDenied, await Status(() => payments.GetPaymentRequestAsync(new GetPaymentRequestRequest { PaymentRequestId = "H49.50-261128-9999/1" }).ResponseAsync));
        // The certificate gives the payment role, nothing else.
        Assert.Equal(StatusCode.PermissionDenied, await Status(() => new DossierService.DossierServiceClient(asPartner).SubmitDossierAsync(Requests.Submit()).ResponseAsync));

        using var asStranger = ChannelWith(stranger);
        Assert.Equal(StatusCode.Unauthenticated, await Status(() =>
            new PaymentService.PaymentServiceClient(asStranger).GetPaymentRequestAsync(new GetPaymentRequestRequest { PaymentRequestId = "H49.50-261128-9999/1" }).ResponseAsync));
    }
}
