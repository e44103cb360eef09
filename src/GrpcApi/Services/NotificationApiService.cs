using DossierTracking.Contracts.Dossiers;
using DossierTracking.Contracts.Notifications;
using DossierTracking.GrpcApi.Errors;
using DossierTracking.GrpcApi.Security;
using DossierTracking.GrpcApi.V1;
using DossierTracking.GrpcApi.Validation;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace DossierTracking.GrpcApi.Services;

/// <summary>
/// The delivery state of a dossier's notifications, for its officers. The dossier's grain decides who may read it
/// (the same access table as the full record); any refusal, and a dossier that does not exist, answer NOT_FOUND alike,
/// so the answer does not tell another unit's officer that a receipt code exists.
/// </summary>
public sealed class NotificationApiService(IGrainFactory grains, INotificationOutbox outbox) : NotificationService.NotificationServiceBase
{
    public override async Task<ListDossierNotificationsResponse> ListDossierNotifications(ListDossierNotificationsRequest request, ServerCallContext context)
    {
        var code = Input.ReceiptCodeOf(request.ReceiptCode);
        var caller = Caller.Of(context);
        var read = new DossierRead { Purpose = DossierReadPurpose.Record, Reader = Input.ReaderOf(caller) };
        var reply = await grains.GetGrain<IDossierGrain>(code).ReadAsync(read);
        if (reply.Failure is not null || reply.Disclosure != Disclosure.Full)
        {
            // The same answer as the dossier's own for an unknown receipt code.
            throw ApiErrors.NotFound("receipt_code", "DOSSIER_NOT_FOUND", $"No dossier has receipt code {code}.");
        }

        var response = new ListDossierNotificationsResponse();
        foreach (var entry in await outbox.ListForDossierAsync(code, context.CancellationToken))
        {
            response.Notifications.Add(new DossierNotification
            {
                Id = entry.Id,
                Version = entry.Version,
                Kind = (V1.NotificationKind)(int)entry.Kind,
                Channel = (NotifyChannel)(int)entry.Channel,
                State = (V1.NotificationState)(int)entry.State,
                Attempts = entry.Attempts,
                CreatedAt = Timestamp.FromDateTimeOffset(entry.CreatedAt),
                LastAttemptAt = entry.LastAttemptAt is { } last ? Timestamp.FromDateTimeOffset(last) : null,
                SentAt = entry.SentAt is { } sent ? Timestamp.FromDateTimeOffset(sent) : null,
                NextAttemptAt = entry.State == Contracts.Notifications.NotificationState.Pending ? Timestamp.FromDateTimeOffset(entry.NextAttemptAt) : null,
                MaskedRecipient = ContactMask.Mask(entry.Recipient),
                LastError = entry.LastError,
            });
        }

        return response;
    }
}
