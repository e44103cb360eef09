using System.Collections.Immutable;
using DossierTracking.Contracts.Dossiers;
using DossierTracking.Contracts.Webhooks;
using DossierTracking.Domain.Webhooks;
using DossierTracking.Grains.Storage;

namespace DossierTracking.Grains.Webhooks;

/// <summary>The ids of every subscription, so the silos can wake them and administrators list them.</summary>
public sealed class SubscriptionRegistryGrain(
    [PersistentState(StorageNames.SubscriptionRegistryState, StorageNames.Dossiers)] IPersistentState<SubscriptionRegistryRecord> registry)
    : Grain, ISubscriptionRegistryGrain
{
    public async Task<Failure?> TryAddAsync(string id)
    {
        var ids = registry.State.Ids.IsDefault ? [] : registry.State.Ids;
        if (ids.Contains(id))
        {
            return null;
        }

        if (ids.Length >= SubscriptionRules.MaxSubscriptions)
        {
            return new Failure
            {
                Kind = FailureKind.ResourceExhausted,
                Reason = "TOO_MANY_SUBSCRIPTIONS",
                Message = $"This deployment holds {SubscriptionRules.MaxSubscriptions} subscriptions already; delete one first.",
            };
        }

        registry.State = new SubscriptionRegistryRecord { Ids = [.. ids.Add(id).Order(StringComparer.Ordinal)] };
        await registry.WriteStateAsync();
        return null;
    }

    public async Task RemoveAsync(string id)
    {
        if (!registry.State.Ids.IsDefault && registry.State.Ids.Contains(id))
        {
            registry.State = new SubscriptionRegistryRecord { Ids = registry.State.Ids.Remove(id) };
            await registry.WriteStateAsync();
        }
    }

    public Task<ImmutableArray<string>> ListAsync() => Task.FromResult(registry.State.Ids.IsDefault ? [] : registry.State.Ids);
}
