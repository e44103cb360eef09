using System.Collections.Immutable;
using DossierTracking.Contracts.Webhooks;
using Google.Protobuf.WellKnownTypes;
using ContractAction = DossierTracking.Contracts.Dossiers.DossierAction;
using ContractState = DossierTracking.Contracts.Dossiers.DossierState;

namespace DossierTracking.GrpcApi.Mapping;

/// <summary>Webhook subscriptions on the wire. Enum values pass through as numbers; the domain refuses unknown ones.</summary>
public static class SubscriptionMapper
{
    public static Contracts.Webhooks.SubscriptionFilter FromProto(V1.SubscriptionFilter filter) => new()
    {
        DeskCodes = [.. filter.DeskCodes],
        AgencyCodes = [.. filter.AgencyCodes],
        ProcedureCodes = [.. filter.ProcedureCodes],
        Actions = [.. filter.Actions.Select(a => (ContractAction)(int)a)],
        States = [.. filter.States.Select(s => (ContractState)(int)s)],
        IncludeImported = filter.IncludeImported,
    };

    public static V1.Subscription ToProto(SubscriptionView view)
    {
        var proto = new V1.Subscription
        {
            Id = view.Id,
            Name = view.Name,
            Endpoint = view.Endpoint,
            Filter = ToProto(view.Filter),
            CreatedAt = Timestamp.FromDateTimeOffset(view.CreatedAt),
            CreatedBy = view.CreatedBy,
            Paused = view.Paused,
            DeliveredThrough = view.DeliveredThrough,
            LastDeliveredAt = Timestamps.Of(view.LastDeliveredAt),
            FailingAttempts = view.FailingAttempts,
            LastError = view.LastError,
            DeadLetterCount = view.DeadLetterCount,
        };
        proto.RecentDeadLetters.AddRange(view.RecentDeadLetters.Select(letter => new V1.DeadLetter
        {
            Position = letter.Position,
            ReceiptCode = letter.ReceiptCode,
            Version = letter.Version,
            Attempts = letter.Attempts,
            LastError = letter.LastError,
            GaveUpAt = Timestamp.FromDateTimeOffset(letter.GaveUpAt),
        }));
        return proto;
    }

    private static V1.SubscriptionFilter ToProto(Contracts.Webhooks.SubscriptionFilter filter)
    {
        var proto = new V1.SubscriptionFilter();
        proto.DeskCodes.AddRange(Values(filter.DeskCodes));
        proto.AgencyCodes.AddRange(Values(filter.AgencyCodes));
        proto.ProcedureCodes.AddRange(Values(filter.ProcedureCodes));
        proto.Actions.AddRange(Values(filter.Actions).Select(a => (V1.DossierAction)(int)a));
        proto.States.AddRange(Values(filter.States).Select(s => (V1.DossierState)(int)s));
        proto.IncludeImported = filter.IncludeImported;
        return proto;
    }

    private static ImmutableArray<T> Values<T>(ImmutableArray<T> values) => values.IsDefault ? [] : values;
}
