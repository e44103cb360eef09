using System.CommandLine;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace DossierTracking.Tools;

/// <summary>
/// <c>health [--live] [--address https://127.0.0.1:5001]</c>: asks this machine's silo for its readiness probe
/// (<c>/health/ready</c>, or <c>/health/live</c> with <c>--live</c>) and exits 0 when it answers 200, 1 otherwise
/// (503, no answer within 5 s, a certificate that is not the silo's). It is the container health check: the image has
/// no curl or shell to ask with, and the probe port speaks TLS whenever <c>Network:CertificatePath</c> is set. Over TLS
/// it accepts exactly the certificate of this silo's settings, whatever name it bears, and no other.
/// </summary>
public static class HealthCommand
{
    public const string Name = "health";

    /// <summary>How long the probe waits for an answer.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public static Command Create(OperatorEnvironment environment, TextWriter output, TextWriter error)
    {
        var live = new Option<bool>("--live") { Description = "ask /health/live (the process answers) instead of /health/ready (it can serve)" };
        var address = new Option<string>("--address")
        {
            Description = "the silo's HTTP endpoint, e.g. https://127.0.0.1:5001 (default: this machine's silo as its settings say)",
            DefaultValueFactory = _ => environment.DefaultHttpAddress,
        };
        var command = new Command(Name, "Exits 0 when this machine's silo answers its readiness (or liveness) probe with 200, 1 otherwise.") { live, address };
        command.SetAction(async (parsed, cancellation) =>
        {
            if (!Uri.TryCreate(parsed.GetValue(address), UriKind.Absolute, out var baseAddress) || baseAddress.Scheme is not ("http" or "https"))
            {
                await error.WriteLineAsync($"--address must be an http or https address, not '{parsed.GetValue(address)}'.");
                return OperatorCli.UsageError;
            }

            string? pinned;
            try
            {
                pinned = baseAddress.Scheme == "https" ? environment.ServerCertificateThumbprint() : null;
            }
            catch (CryptographicException e)
            {
                await error.WriteLineAsync($"Cannot read the certificate of Network:CertificatePath: {e.Message}");
                return 1;
            }

            var probe = new Uri(baseAddress, parsed.GetValue(live) ? "/health/live" : "/health/ready");
            using var handler = new SocketsHttpHandler();
            if (pinned is not null)
            {
                handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) => IsPinned(certificate, pinned);
            }

            using var client = new HttpClient(handler) { Timeout = Timeout };
            try
            {
                using var response = await client.GetAsync(probe, cancellation);
                var body = await response.Content.ReadAsStringAsync(cancellation);
                await output.WriteLineAsync($"{probe}: {(int)response.StatusCode} {body}");
                return response.IsSuccessStatusCode ? 0 : 1;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                await error.WriteLineAsync($"{probe}: no answer ({e.Message})");
                return 1;
            }
        });
        return command;
    }

    /// <summary>Only the configured certificate itself: the name in it need not match the address asked.</summary>
    private static bool IsPinned(X509Certificate? certificate, string thumbprint) =>
        certificate is not null
        && string.Equals(certificate.GetCertHashString(HashAlgorithmName.SHA256), thumbprint, StringComparison.OrdinalIgnoreCase);
}
