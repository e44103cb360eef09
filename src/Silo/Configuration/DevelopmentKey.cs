using System.Text.Json;
using DossierTracking.GrpcApi.Security;

namespace DossierTracking.Silo.Configuration;

/// <summary>
/// The signing key of a development machine: created once in the data folder (so tokens survive restarts), used only
/// when the host runs in Development and no key is configured. Its id starts with <see cref="IdPrefix"/>, which the
/// settings check refuses outside Development.
/// </summary>
public static class DevelopmentKey
{
    public const string IdPrefix = "dev-";
    private const string FileName = "dev-signing-key.json";

    public static SigningKey LoadOrCreate(string dataDirectory)
    {
        var path = Path.Combine(Path.GetFullPath(dataDirectory), FileName);
        if (File.Exists(path) && JsonSerializer.Deserialize<SigningKey>(File.ReadAllText(path)) is { Key.Length: > 0 } existing)
        {
            return existing;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var key = SigningKey.Generate(IdPrefix + DateTime.UtcNow.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture));
        File.WriteAllText(path, JsonSerializer.Serialize(key));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return key;
    }
}
