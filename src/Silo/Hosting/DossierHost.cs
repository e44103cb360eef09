namespace DossierTracking.Silo.Hosting;

/// <summary>Builds the host the same way for <c>dotnet run</c> and for tests.</summary>
public static class DossierHost
{
    /// <param name="args">Command-line arguments (configuration overrides such as <c>--Storage:Provider=PostgreSql</c>).</param>
    /// <param name="settings">Settings that take precedence over every other source (tests).</param>
    public static WebApplicationBuilder CreateBuilder(string[] args, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            // appsettings.json is found next to the binary wherever the command is run from.
            ContentRootPath = AppContext.BaseDirectory,
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        return builder.AddDossierTracking();
    }
}
