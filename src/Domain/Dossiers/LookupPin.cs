using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace DossierTracking.Domain.Dossiers;

/// <summary>
/// The lookup PIN issued with a receipt: the applicant's secret second factor for the full record. Eight random
/// digits; the dossier keeps only a salted SHA-256 of it. A fast hash is enough here: eight digits cannot stand up to
/// an offline search whatever the hash, and whoever reads the stored record already has everything the PIN guards;
/// online guessing is what the PIN must resist, and <see cref="LookupGuard"/> limits it to a few tries a quarter hour.
/// </summary>
public static class LookupPin
{
    public const int Digits = 8;
    private const string Version = "s1";
    private const int SaltBytes = 16;

    /// <summary>A new PIN from the system's cryptographic random source.</summary>
    public static string New() => RandomNumberGenerator.GetInt32(0, 100_000_000).ToString("D8", CultureInfo.InvariantCulture);

    /// <summary>"s1:{salt hex}:{hash hex}" with a fresh random salt.</summary>
    public static string Hash(string pin) => Hash(pin, RandomNumberGenerator.GetBytes(SaltBytes));

    public static string Hash(string pin, byte[] salt) =>
        $"{Version}:{Convert.ToHexString(salt)}:{Convert.ToHexString(Digest(salt, pin))}";

    /// <summary>Whether <paramref name="pin"/> is the PIN <paramref name="stored"/> was made from (constant time in the PIN).</summary>
    public static bool Matches(string stored, string pin)
    {
        var parts = stored.Split(':');
        if (parts.Length != 3 || parts[0] != Version || pin.Length == 0)
        {
            return false;
        }

        byte[] salt, expected;
        try
        {
            salt = Convert.FromHexString(parts[1]);
            expected = Convert.FromHexString(parts[2]);
        }
        catch (FormatException)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Digest(salt, pin), expected);
    }

    private static byte[] Digest(byte[] salt, string pin)
    {
        var text = Encoding.UTF8.GetBytes(pin);
        var input = new byte[salt.Length + text.Length];
        salt.CopyTo(input, 0);
        text.CopyTo(input, salt.Length);
        return SHA256.HashData(input);
    }
}
