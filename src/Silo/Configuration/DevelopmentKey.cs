using System.Text.Json;
using DossierTracking.GrpcApi.Security;
using Microsoft.Extensions.Options;

namespace DossierTracking.Silo.Configuration;

/// <summary>
/// The signing key of a development machine: created once in the data folder (so tokens survive restarts), used only
/// when the host runs in Development and no key is configured. Its id starts with <see cref="IdPrefix"/>, which the
/// settings check refuses outside Development.
/// </summary>
/// <remarks>
/// On Unix the file is created readable by its owner only (0600) before a byte is written. A file found readable or
/// writable by others is refused, not tightened: another user of the machine may already have read the key, and
/// tightening would hide that; deleting the file makes a new key (tokens signed with the old one stop working).
/// </remarks>
public static class DevelopmentKey
{
    public const string IdPrefix = "dev-";
    private const string FileName = "dev-signing-key.json";
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Reads the key of the data folder, or creates it. Throws <see cref="OptionsValidationException"/> when the file is open to others.</summary>
    public static SigningKey LoadOrCreate(string dataDirectory)
    {
        var path = Path.Combine(Path.GetFullPath(dataDirectory), FileName);
        if (TryRead(path) is { } existing)
        {
            return existing;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var key = SigningKey.Generate(IdPrefix + DateTime.UtcNow.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture));

        // Written whole to a file of its own, then moved in place: the key file never exists half-written.
        var draft = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            create.UnixCreateMode = OwnerOnly;
        }

        try
        {
            using (var stream = new FileStream(draft, create))
            {
                JsonSerializer.Serialize(stream, key);
            }

            File.Move(draft, path, overwrite: false);
            return key;
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process (a second silo, the token command) made it first: use theirs.
            return TryRead(path) ?? throw Unreadable(path);
        }
        finally
        {
            File.Delete(draft);
        }
    }

    private static SigningKey? TryRead(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & ~OwnerOnly) != 0)
        {
            throw new OptionsValidationException(AuthOptions.Section, typeof(AuthOptions),
            [
                $"The development key file '{path}' may be read or changed by other users (mode {Convert.ToString((int)File.GetUnixFileMode(path), 8)}): " +
                "anyone who read it can sign tokens for this silo. Delete it (a new key is made at the next start; tokens signed with the old one stop working), " +
                "or, if nobody else can have read it, run `chmod 600` on it.",
            ]);
        }

        try
        {
            return JsonSerializer.Deserialize<SigningKey>(File.ReadAllText(path)) is { Key.Length: > 0 } key ? key : throw Unreadable(path);
        }
        catch (JsonException)
        {
            throw Unreadable(path);
        }
    }

    private static OptionsValidationException Unreadable(string path) =>
        new(AuthOptions.Section, typeof(AuthOptions), [$"The development key file '{path}' holds no key: delete it to make a new one."]);
}
