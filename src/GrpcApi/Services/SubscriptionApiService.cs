using DossierTracking.Contracts.Webhooks;
using DossierTracking.GrpcApi.Errors;
using DossierTracking.GrpcApi.Mapping;
using DossierTracking.GrpcApi.Security;
using DossierTracking.GrpcApi.V1;
using Grpc.Core;
using SubscriptionFilter = DossierTracking.GrpcApi.V1.SubscriptionFilter;

namespace DossierTracking.GrpcApi.Services;

/// <summary>
/// Webhook subscriptions for administrators. The API checks the wire format (an id's shape); the subscription grain
/// and the domain's rules decide the rest (endpoint, filter, limits). Ids are random (<see cref="SubscriptionId"/>).
/// </summary>
public sealed class SubscriptionApiService(IGrainFactory grains) : SubscriptionService.SubscriptionServiceBase
{
    public override async Task<CreateSubscriptionReply> CreateSubscription(CreateSubscriptionRequest request, ServerCallContext context)
    {
        var definition = new SubscriptionDefinition
        {
            Name = request.Name,
            Endpoint = request.Endpoint,
            Filter = SubscriptionMapper.FromProto(request.Filter ?? new SubscriptionFilter()),
            StartAfterPosition = request.StartFromPosition ? request.StartAfterPosition : null,
        };
        var id = SubscriptionId.New();
        var registry = grains.GetGrain<ISubscriptionRegistryGrain>(0);
        if (await registry.TryAddAsync(id) is { } full)
        {
            throw ApiErrors.FromFailure(full);
        }

        SubscriptionReply reply;
        try
        {
            reply = await grains.GetGrain<ISubscriptionGrain>(id).CreateAsync(definition, Caller.Of(context).PersonId);
        }
        catch
        {
            // Not created (or not known to be): the id must not hold a place among the deployment's subscriptions.
            await registry.RemoveAsync(id);
            throw;
        }

        if (reply.Failure is { } failure)
        {
            await registry.RemoveAsync(id);
            throw ApiErrors.FromFailure(failure);
        }

        return new CreateSubscriptionReply { Subscription = SubscriptionMapper.ToProto(reply.Subscription!), Secret = reply.Secret ?? "" };
    }

    public override async Task<Subscription> GetSubscription(SubscriptionRequest request, ServerCallContext context) =>
        Found(await Grain(request.Id).GetAsync());

    public override async Task<ListSubscriptionsReply> ListSubscriptions(ListSubscriptionsRequest request, ServerCallContext context)
    {
        var ids = await grains.GetGrain<ISubscriptionRegistryGrain>(0).ListAsync();
        var replies = await Task.WhenAll(ids.Select(id => grains.GetGrain<ISubscriptionGrain>(id).GetAsync()));
        var list = new ListSubscriptionsReply();
        list.Subscriptions.AddRange(replies.Where(r => r.Subscription is not null).Select(r => SubscriptionMapper.ToProto(r.Subscription!)));
        return list;
    }

    public override async Task<Subscription> PauseSubscription(SubscriptionRequest request, ServerCallContext context) =>
        Found(await Grain(request.Id).SetPausedAsync(true));

    public override async Task<Subscription> ResumeSubscription(SubscriptionRequest request, ServerCallContext context) =>
        Found(await Grain(request.Id).SetPausedAsync(false));

    public override async Task<Subscription> RedeliverChanges(RedeliverChangesRequest request, ServerCallContext context) =>
        Found(await Grain(request.Id).RedeliverAfterAsync(request.AfterPosition));

    public override async Task<DeleteSubscriptionReply> DeleteSubscription(SubscriptionRequest request, ServerCallContext context)
    {
        var existed = await Grain(request.Id).DeleteAsync();
        // Removed from the registry either way: an id left there by a creation that failed half-way goes too.
        await grains.GetGrain<ISubscriptionRegistryGrain>(0).RemoveAsync(request.Id);
        return existed ? new DeleteSubscriptionReply() : throw Unknown();
    }

    private ISubscriptionGrain Grain(string id)
    {
        if (!SubscriptionId.IsValid(id))
        {
            throw ApiErrors.Invalid("id", "SUBSCRIPTION_ID_INVALID", "id must be a subscription id as CreateSubscription gave it (sub_ and 16 hex digits).");
        }

        return grains.GetGrain<ISubscriptionGrain>(id);
    }

    private static Subscription Found(SubscriptionReply reply)
    {
        if (reply.Failure is { } failure)
        {
            throw ApiErrors.FromFailure(failure);
        }

        return reply.Subscription is { } subscription ? SubscriptionMapper.ToProto(subscription) : throw Unknown();
    }

    private static RpcException Unknown() => ApiErrors.NotFound("id", "SUBSCRIPTION_NOT_FOUND", "No subscription has this id.");
}
