using DossierTracking.Contracts.Notifications;
using DossierTracking.Domain.Notifications;
using DossierTracking.Grains.Notifications;

namespace DossierTracking.Silo.Notifications;

/// <summary>Registers notifications to applicants: the templates (read and checked here, at start-up), the outbox, the channel and the wake-up round.</summary>
public static class NotificationComposition
{
    public const string DefaultTemplatesFile = "notification-templates.json";

    public static IServiceCollection AddDossierNotifications(this IServiceCollection services, NotificationOptions options)
    {
        services.AddSingleton(LoadTemplates(options));
        services.AddSingleton<NotificationMetrics>();
        services.AddSingleton<NotificationStore>();
        services.AddSingleton<INotificationOutbox>(sp => sp.GetRequiredService<NotificationStore>());
        if (options.Channel == NotificationChannelMode.Http)
        {
            services.AddSingleton<INotificationChannel>(sp => new HttpNotificationChannel(sp.GetRequiredService<IHttpClientFactory>(), options.Http));
            services.AddHttpClient(HttpNotificationChannel.ClientName, client => client.Timeout = options.Http.RequestTimeout)
                .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
                // The client's own request logging would print the URL at Information; the key is a header and never logged.
                .RemoveAllLoggers();
        }
        else
        {
            services.AddSingleton<INotificationChannel, LogNotificationChannel>();
        }

        if (options.Enabled)
        {
            services.AddHostedService<NotificationWaker>();
        }

        return services;
    }

    /// <summary>The templates file as configured; a missing or bad file stops the start with a message that says what to fix.</summary>
    public static NotificationTemplates LoadTemplates(NotificationOptions options)
    {
        var path = TemplatesPathOf(options);
        if (!File.Exists(path))
        {
            throw new Microsoft.Extensions.Options.OptionsValidationException(NotificationOptions.Section, typeof(NotificationOptions),
                [$"Notifications:TemplatesPath: the templates file {path} does not exist. Point the setting at a JSON file of kind to text (see README, Notifications), or leave it empty for the shipped one."]);
        }

        try
        {
            return NotificationTemplates.Parse(File.ReadAllText(path));
        }
        catch (InvalidDataException e)
        {
            throw new Microsoft.Extensions.Options.OptionsValidationException(NotificationOptions.Section, typeof(NotificationOptions),
                [$"Notifications:TemplatesPath: the templates file {path} is not usable: {e.Message}"]);
        }
    }

    public static string TemplatesPathOf(NotificationOptions options) =>
        string.IsNullOrWhiteSpace(options.TemplatesPath) ? Path.Combine(AppContext.BaseDirectory, DefaultTemplatesFile) : Path.GetFullPath(options.TemplatesPath);
}
