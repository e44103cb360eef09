using DossierTracking.Silo.Hosting;
using DossierTracking.Silo.Operations;
using DossierTracking.Silo.Storage;
using DossierTracking.Tools;
using Microsoft.Extensions.Options;

if (OperatorCli.Handles(args))
{
    // An operator's command (token, recount, feed-sync, health), configured like this machine's silo (appsettings.json, environment).
    var configuration = new ConfigurationBuilder()
        .SetBasePath(AppContext.BaseDirectory)
        .AddJsonFile("appsettings.json", optional: true)
        .AddEnvironmentVariables()
        .Build();
    try
    {
        return await OperatorCli.RunAsync(args, OperatorEnvironments.From(configuration));
    }
    catch (OptionsValidationException e)
    {
        // The development key file is open to others, for one.
        Console.Error.WriteLine(e.Message);
        return OperatorCli.UsageError;
    }
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
