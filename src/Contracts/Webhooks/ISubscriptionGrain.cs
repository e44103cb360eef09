using System.Collections.Immutable;
using DossierTracking.Contracts.Dossiers;
using Orleans.Concurrency;

namespace DossierTracking.Contracts.Webhooks;

/// <summary>
/// One webhook subscription (keyed by its id): its definition, its signing secret, and its durable cursor in the change
/// feed. While it exists and is not paused, the grain delivers the matching changes after its cursor, in feed order,
/// one at a time, so a dossier's changes arrive in the order they were made.
/// </summary>
public interface ISubscriptionGrain : IGrainWithStringKey
{
    /// <summary>Registers the subscription; refused (InvalidArgument naming the field) for a bad definition, AlreadyExists if the id is taken.</summary>
    Task<SubscriptionReply> CreateAsync(SubscriptionDefinition definition, string createdBy);

    /// <summary>The subscription as it stands; answered between the steps of a delivery round, so a slow endpoint never delays it.</summary>
    [AlwaysInterleave]
    Task<SubscriptionReply> GetAsync();

    Task<SubscriptionReply> SetPausedAsync(bool paused);

    /// <summary>Delivers again every matching change after <paramref name="afterPosition"/> (it may be behind or ahead of the cursor).</summary>
    Task<SubscriptionReply> RedeliverAfterAsync(long afterPosition);

    /// <summary>Removes the subscription and its cursor; false when there was none.</summary>
    Task<bool> DeleteAsync();

    /// <summary>Makes sure delivery runs (after a restart or a silo's death the grain is activated again by this call).</summary>
    Task WakeAsync();
}

/// <summary>The list of subscription ids (one grain, key 0): touched only by administrators and by each silo's wake-up round, never by a dossier's write.</summary>
public interface ISubscriptionRegistryGrain : IGrainWithIntegerKey
{
    /// <summary>Adds an id; the refusal (RESOURCE_EXHAUSTED) when the deployment holds as many subscriptions as it may, else null.</summary>
    Task<Failure?> TryAddAsync(string id);

    Task RemoveAsync(string id);

    Task<ImmutableArray<string>> ListAsync();
}
