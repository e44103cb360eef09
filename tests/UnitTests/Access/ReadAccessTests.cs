using DossierTracking.Contracts.Dossiers;
using DossierTracking.Contracts.Payments;
using DossierTracking.Domain.Dossiers;
using static DossierTracking.Contracts.Dossiers.DossierState;
using static DossierTracking.UnitTests.Dossiers.Lifecycle;
using static DossierTracking.UnitTests.TestData;

namespace DossierTracking.UnitTests.Access;

/// <summary>Who may read what of a dossier (the access table), from the reader's side.</summary>
public sealed class ReadAccessTests
{
    private static readonly Actor OtherPortal = Portal with { PersonId = "another-portal" };
    private static readonly Actor Anonymous = Actor.Anonymous;
    private static readonly Actor Supervisor = new() { Party = Party.Supervisor, PersonId = "so-noi-vu", AgencyCode = "H49" };

    /// <summary>A supervisor of another province served by the same deployment.</summary>
    private static readonly Actor OtherProvinceSupervisor = Supervisor with { PersonId = "so-noi-vu-h22", AgencyCode = "H22" };

    private static ReadDecision Read(DossierRecord? d, DossierReadPurpose purpose, Actor reader, int number = 0, bool proven = false) =>
        DossierDecider.Read(d, purpose, reader, number, proven);

    [Fact]
    public void The_record_is_full_for_holding_units_the_submitting_portal_and_a_proven_applicant_and_public_for_everyone_else()
    {
        var processing = InState(InProcessing);
        Assert.Equal((Disclosure.Full, "holding-unit"), Shown(Read(processing, DossierReadPurpose.Record, DeskOfficer())));
        Assert.Equal((Disclosure.Full, "holding-unit"), Shown(Read(processing, DossierReadPurpose.Record, AgencyOfficer(Construction))));
        Assert.Equal((Disclosure.Full, "submitting-portal"), Shown(Read(processing, DossierReadPurpose.Record, Portal)));
        Assert.Equal((Disclosure.Full, "applicant-proof"), Shown(Read(processing, DossierReadPurpose.Record, Anonymous, proven: true)));
        Assert.Equal((Disclosure.Full, "applicant-proof"), Shown(Read(processing, DossierReadPurpose.Record, OtherPortal, proven: true)));

        // Never refused for lack of rights: the public view.
        foreach (var reader in new[] { AgencyOfficer(EnvironmentDept), DeskOfficer(HaLong), OtherPortal, Anonymous, Supervisor, Payment, Post })
        {
            Assert.Equal((Disclosure.Public, ""), Shown(Read(processing, DossierReadPurpose.Record, reader)));
        }

        // A proof does nothing for an officer of another unit.
        Assert.Equal(Disclosure.Public, Read(processing, DossierReadPurpose.Record, AgencyOfficer(EnvironmentDept), proven: true).Disclosure);
    }

    [Fact]
    public void Watching_is_refused_to_outsiders_alike_whether_or_not_the_dossier_exists()
    {
        var processing = InState(InProcessing);
        Assert.Equal(Disclosure.Full, Read(processing, DossierReadPurpose.Watch, Portal).Disclosure);
        Assert.Equal(Disclosure.Public, Read(processing, DossierReadPurpose.Watch, Supervisor).Disclosure);

        foreach (var outsider in new[] { OtherPortal, AgencyOfficer(EnvironmentDept) })
        {
            var foreign = Read(processing, DossierReadPurpose.Watch, outsider).Failure!;
            var unknown = Read(null, DossierReadPurpose.Watch, outsider).Failure!;
            Assert.Equal(FailureKind.PermissionDenied, foreign.Kind);
            Assert.Equal(foreign, unknown);
        }

        // A supervisor may watch any dossier, so it is told a code has none.
        Assert.Equal(FailureKind.NotFound, Read(null, DossierReadPurpose.Watch, Supervisor).Failure!.Kind);
    }

    [Fact]
    public void An_intermediary_reads_a_payment_request_bound_to_it_or_to_none_and_nothing_else()
    {
        var waiting = InState(AwaitingPayment);
        Assert.Null(Read(waiting, DossierReadPurpose.PaymentRequest, Payment, 1).Failure);
        var bound = waiting with { Payments = [waiting.Payments[0] with { Intermediary = "momo" }] };
        Assert.Null(Read(bound, DossierReadPurpose.PaymentRequest, Payment with { PersonId = "momo" }, 1).Failure);

        var foreign = Read(bound, DossierReadPurpose.PaymentRequest, Payment, 1).Failure!;
        Assert.Equal((FailureKind.PermissionDenied, "NOT_YOUR_PAYMENT_REQUEST"), (foreign.Kind, foreign.Reason));
        Assert.Equal(foreign, Read(bound, DossierReadPurpose.PaymentRequest, Payment, 2).Failure);
        Assert.Equal(foreign, Read(null, DossierReadPurpose.PaymentRequest, Payment, 1).Failure);
    }

    [Fact]
    public void A_carrier_reads_only_the_shipments_it_carries()
    {
        var ready = Decider.RecordResult(Decider.Forward(Decider.Accept(
            Decider.Create(Online() with { Delivery = ReturnMethod.Post, DeliveryAddress = "Số 1 Hạ Long" }, Code, Start, PinHash).Ok(),
            As(DeskOfficer()), Start.AddHours(1)).Ok(), As(DeskOfficer()), Start.AddHours(2)).Ok(),
            As(AgencyOfficer()), ResultKind.Approved, "GP-1", Start.AddHours(3)).Ok();
        var handed = Decider.HandToPost(ready, As(DeskOfficer()), "", Post.PersonId, Contracts.Postal.ResultReturnedAt.Delivery, Start.AddHours(4)).Ok();

        Assert.Null(Read(handed, DossierReadPurpose.Shipment, Post, 1).Failure);
        var foreign = Read(handed, DossierReadPurpose.Shipment, Post with { PersonId = "viettelpost" }, 1).Failure!;
        Assert.Equal((FailureKind.PermissionDenied, "NOT_YOUR_SHIPMENT"), (foreign.Kind, foreign.Reason));
        Assert.Equal(Read(handed, DossierReadPurpose.Shipment, Post, 2).Failure, Read(null, DossierReadPurpose.Shipment, Post, 1).Failure);
        Assert.Equal(foreign.Reason, Read(handed, DossierReadPurpose.Shipment, Post, 2).Failure!.Reason);
    }

    [Fact]
    public void A_supervisor_of_another_province_is_told_the_dossier_does_not_exist()
    {
        var processing = InState(InProcessing);
        foreach (var purpose in new[] { DossierReadPurpose.Watch, DossierReadPurpose.Audit })
        {
            var foreign = Read(processing, purpose, OtherProvinceSupervisor).Failure;
            Assert.NotNull(foreign);
            Assert.Equal(Read(null, purpose, OtherProvinceSupervisor).Failure, foreign);
            Assert.Equal(Read(null, purpose, Supervisor).Failure, foreign);
        }

        // A supervisor's token that names no province reads nothing.
        Assert.NotNull(Read(processing, DossierReadPurpose.Audit, Supervisor with { AgencyCode = "" }).Failure);
        // The lookup by receipt code stays open to anyone: the public view, as for a citizen.
        Assert.Equal(Disclosure.Public, Read(processing, DossierReadPurpose.Record, OtherProvinceSupervisor).Disclosure);
    }

    [Fact]
    public void The_audit_of_a_dossier_is_for_supervisors_and_the_applicant()
    {
        var processing = InState(InProcessing);
        Assert.Null(Read(processing, DossierReadPurpose.Audit, Supervisor).Failure);
        Assert.Null(Read(processing, DossierReadPurpose.Audit, Portal).Failure);
        Assert.Null(Read(processing, DossierReadPurpose.Audit, Anonymous, proven: true).Failure);
        Assert.Equal(FailureKind.PermissionDenied, Read(processing, DossierReadPurpose.Audit, Anonymous).Failure!.Kind);
        Assert.Equal(FailureKind.PermissionDenied, Read(processing, DossierReadPurpose.Audit, OtherPortal).Failure!.Kind);
    }

    [Fact]
    public void Every_read_purpose_has_a_rule()
    {
        foreach (var purpose in Enum.GetValues<DossierReadPurpose>())
        {
            Assert.NotEmpty(AccessTable.ForRead(purpose));
        }
    }

    private static (Disclosure, string) Shown(ReadDecision decision)
    {
        Assert.Null(decision.Failure);
        return (decision.Disclosure, decision.Basis);
    }
}
