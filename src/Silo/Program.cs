using DossierTracking.Silo.Hosting;
using DossierTracking.Silo.Operations;
using DossierTracking.Silo.Storage;
using Microsoft.Extensions.Options;

if (RecountCommand.Matches(args) || FeedSyncCommand.Matches(args) || TokenCommand.Matches(args))
{
    // An operator's command against a running silo, configured like it (appsettings.json, environment).
    var configuration = new ConfigurationBuilder()
        .SetBasePath(AppContext.BaseDirectory)
        .AddJsonFile("appsettings.json", optional: true)
        .AddEnvironmentVariables()
        .Build();
    return TokenCommand.Matches(args) ? TokenCommand.Run(args, configuration)
        : RecountCommand.Matches(args) ? await RecountCommand.RunAsync(args, configuration)
        : await FeedSyncCommand.RunAsync(args, configuration);
}

try
{
    var app = DossierHost.CreateBuilder(args).Build().MapDossierTracking();
    await app.RunAsync();
    return 0;
}
catch (Exception e) when (e is OptionsValidationException or StorageStartupException)
{
    // A configuration problem: say what to fix, without a stack trace.
    Console.Error.WriteLine($"Cannot start: {e.Message}");
    return 2;
}
