using DossierTracking.Contracts.Documents;
using DossierTracking.Contracts.Dossiers;
using DossierTracking.Domain.Documents;
using DossierTracking.Domain.Dossiers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DossierTracking.Grains.Dossiers;

/// <summary>
/// The dossier's papers: the grain keeps only their references. The caller stores the bytes between the two calls;
/// an upload that fails half-way therefore attaches nothing (the bytes may stay stored, unreferenced). An admitted
/// upload reserves the bytes it may store until it is attached (or <see cref="ReservationLifetime"/> passes), so
/// uploads running together cannot pass the dossier's limit and be refused after their bytes were stored.
/// </summary>
public sealed partial class DossierGrain : IDossierDocuments
{
    /// <summary>How long an admitted upload holds its bytes reserved if it never comes to attach (a caller that went away).</summary>
    private static readonly TimeSpan ReservationLifetime = TimeSpan.FromMinutes(15);

    /// <summary>Made on the first upload: most dossiers never take one, and an empty dictionary per active dossier adds up.</summary>
    private Dictionary<string, (long Bytes, DateTimeOffset Until)>? _reservationsMade;

    private Dictionary<string, (long Bytes, DateTimeOffset Until)> _reservations => _reservationsMade ??= new(StringComparer.Ordinal);
    private DocumentLimits? _documentLimits;

    /// <summary>The settings' limits, read on first use (resolved here so the grain's constructor stays as it is).</summary>
    private DocumentLimits Limits => _documentLimits ??= LimitsOf(ServiceProvider.GetRequiredService<IOptions<DocumentOptions>>().Value);

    private static DocumentLimits LimitsOf(DocumentOptions options) => new(options.MaxFileBytes, options.MaxDossierBytes);

    public async Task<UploadPermit> PrepareUploadAsync(ActionContext context, DocumentUpload upload)
    {
        await Load();
        var dossier = _slot.Value.Dossier;
        if (dossier is not null && context.RequestKey.Length > 0 && dossier.History.FindLast(h => h.RequestKey == context.RequestKey) is { } first)
        {
            // A retry of an upload already attached (or a reused request id): the bytes sent again are hashed, not
            // stored, up to the first upload's size; the attach compares them and answers the first upload or refuses.
            var attached = dossier.Documents.Find(r => r.DossierVersion == first.Version);
            return new UploadPermit { MaxBytes = attached?.SizeBytes ?? 0, ContentType = attached?.ContentType ?? "", Retry = attached };
        }

        var permit = decider.AdmitUpload(dossier, context with { ApplicantProven = false }, upload, Limits, ReservedBesides(ReservationKey(context)));
        if (permit.Failure is { } failure)
        {
            ReleaseIfMissing(failure);
        }
        else
        {
            _reservations[ReservationKey(context)] = (permit.MaxBytes, Now() + ReservationLifetime);
        }

        return permit;
    }

    /// <summary>The bytes promised to other uploads in flight; expired promises are dropped.</summary>
    private long ReservedBesides(string requestKey)
    {
        var now = Now();
        foreach (var expired in _reservations.Where(r => r.Value.Until <= now).Select(r => r.Key).ToList())
        {
            _reservations.Remove(expired);
        }

        return _reservations.Where(r => r.Key != requestKey).Sum(r => r.Value.Bytes);
    }

    private static string ReservationKey(ActionContext context) => context.RequestKey.Length > 0 ? context.RequestKey : context.Actor.PersonId;

    public async Task<AttachReply> AttachDocumentAsync(ActionContext context, DocumentUpload upload)
    {
        var reserved = ReservedBesides(ReservationKey(context));
        var (reply, _) = await ChangeAsync(context, (d, c) => decider.AttachDocument(d, c, upload, Limits, Now(), reserved));
        _reservations.Remove(ReservationKey(context));
        if (reply.Failure is { } failure)
        {
            return AttachReply.Fail(failure);
        }

        // The change made now, or by the first attempt of this request: its history entry names the dossier version.
        var dossier = _slot.Value.Dossier!;
        var version = context.RequestKey.Length > 0 && dossier.History.FindLast(h => h.RequestKey == context.RequestKey) is { } entry
            ? entry.Version
            : dossier.Version;
        return new AttachReply { Document = dossier.Documents.Find(r => r.DossierVersion == version), DossierVersion = dossier.Version };
    }
}
