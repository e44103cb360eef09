using DossierTracking.Silo.Hosting;
using DossierTracking.Silo.Storage;
using Microsoft.Extensions.Options;

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
