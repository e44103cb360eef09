using System.Collections.Frozen;
using DossierTracking.Contracts.Dossiers;

namespace DossierTracking.Domain.Dossiers;

/// <summary>
/// Who may read a dossier, and who may report on its payment requests and shipments, as data beside the
/// <see cref="TransitionTable"/>. Anyone may read the public view by receipt code; everything here is more than that.
/// A party not listed for a purpose is refused, whether or not the dossier exists.
/// </summary>
public static class AccessTable
{
    private static readonly FrozenDictionary<DossierReadPurpose, IReadOnlyList<ReadPermission>> ReadRules =
        new Dictionary<DossierReadPurpose, IReadOnlyList<ReadPermission>>
        {
            // Everyone else gets the public view: a lookup by receipt code is never refused for lack of rights.
            [DossierReadPurpose.Record] =
            [
                .. Officers(ActorScope.HoldingUnit),
                new(Party.Portal, ActorScope.SubmitterOrApplicant),
                new(Party.Unspecified, ActorScope.Applicant),
            ],
            [DossierReadPurpose.Watch] =
            [
                .. Officers(ActorScope.HoldingUnit),
                new(Party.Portal, ActorScope.SubmitterOrApplicant),
                // Supervisors follow any dossier of their province at agency level (no officer names, no notes).
                new(Party.Supervisor, ActorScope.Province, Disclosure.Public),
            ],
            [DossierReadPurpose.PaymentRequest] = [new(Party.PaymentIntermediary, ActorScope.BoundIntermediary)],
            [DossierReadPurpose.Shipment] = [new(Party.PostalService, ActorScope.Carrier)],
            // Who read or changed the dossier (Decree 13/2023): the province's supervisors, and the applicant.
            [DossierReadPurpose.Audit] =
            [
                new(Party.Supervisor, ActorScope.Province),
                new(Party.Portal, ActorScope.SubmitterOrApplicant),
                new(Party.Unspecified, ActorScope.Applicant),
            ],
            // The papers: officers of the units holding the dossier, the submitting portal and the applicant, and the
            // synchroniser with the National Public Service Portal, which copies every dossier's papers.
            [DossierReadPurpose.Document] =
            [
                .. Officers(ActorScope.HoldingUnit),
                new(Party.Portal, ActorScope.SubmitterOrApplicant),
                new(Party.Unspecified, ActorScope.Applicant),
                new(Party.Sync, ActorScope.Any),
            ],
        }.ToFrozenDictionary();

    /// <summary>A payment intermediary reports transactions on the requests bound to it (or bound to none yet).</summary>
    public static IReadOnlyList<Permission> ReportPayment { get; } = [new(Party.PaymentIntermediary, ActorScope.BoundIntermediary)];

    /// <summary>A postal operator reports delivery events on the shipments it carries.</summary>
    public static IReadOnlyList<Permission> ReportDelivery { get; } = [new(Party.PostalService, ActorScope.Carrier)];

    public static IReadOnlyList<ReadPermission> ForRead(DossierReadPurpose purpose) =>
        ReadRules.TryGetValue(purpose, out var rules) ? rules : throw new ArgumentOutOfRangeException(nameof(purpose), purpose, "Not a read purpose.");

    private static ReadPermission[] Officers(ActorScope scope) =>
        [new(Party.DeskOfficer, scope), new(Party.AgencyOfficer, scope), new(Party.AgencyLeader, scope)];
}
