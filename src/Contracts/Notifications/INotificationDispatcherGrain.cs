namespace DossierTracking.Contracts.Notifications;

/// <summary>
/// The one notification dispatcher of the cluster (key 0): reads the change feed, records the applicants' messages
/// in the outbox and sends them. Runs on its own timer; a wake-up brings it back after its silo died.
/// </summary>
[Alias("dvc.INotificationDispatcherGrain")]
public interface INotificationDispatcherGrain : IGrainWithIntegerKey
{
    [Alias("Wake")] Task WakeAsync();
}
