using Microsoft.Extensions.Options;
using Npgsql;

namespace DossierTracking.Silo.Configuration;

/// <summary>Start-up check of <see cref="StorageOptions"/>; messages say which setting to fix and how.</summary>
public sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        if (!Enum.IsDefined(options.Provider))
        {
            return ValidateOptionsResult.Fail("Storage:Provider must be Sqlite or PostgreSql.");
        }

        if (options.Provider == StorageBackend.Sqlite && string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            return ValidateOptionsResult.Fail("Storage:DataDirectory must name a folder for the SQLite database (default: data).");
        }

        if (options.StartupTimeout < TimeSpan.Zero || options.StartupTimeout > TimeSpan.FromMinutes(10))
        {
            return ValidateOptionsResult.Fail("Storage:StartupTimeout must be between 00:00:00 and 00:10:00.");
        }

        if (options.Provider == StorageBackend.PostgreSql)
        {
            if (string.IsNullOrWhiteSpace(options.ConnectionString))
            {
                return ValidateOptionsResult.Fail(
                    "Storage:ConnectionString is required when Storage:Provider is PostgreSql " +
                    "(e.g. Storage__ConnectionString=\"Host=127.0.0.1;Port=5432;Database=dossiers;Username=dvc;Password=...\").");
            }

            try
            {
                _ = new NpgsqlConnectionStringBuilder(options.ConnectionString);
            }
            catch (ArgumentException e)
            {
                return ValidateOptionsResult.Fail($"Storage:ConnectionString is not a valid Npgsql connection string: {e.Message}");
            }
        }

        return ValidateOptionsResult.Success;
    }
}
