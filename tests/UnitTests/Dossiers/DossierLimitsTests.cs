using System.Security.Cryptography;
using DossierTracking.Contracts.Documents;
using DossierTracking.Contracts.Dossiers;
using DossierTracking.Contracts.Payments;
using DossierTracking.Contracts.Postal;
using DossierTracking.Domain.Documents;
using DossierTracking.Domain.Dossiers;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Xunit.Abstractions;
using static DossierTracking.Contracts.Dossiers.DossierState;
using static DossierTracking.UnitTests.Dossiers.Lifecycle;
using static DossierTracking.UnitTests.TestData;

namespace DossierTracking.UnitTests.Dossiers;

/// <summary>
/// A dossier cannot be made to grow without bound (one officer once appended 2,000 steps with long notes, and every
/// write rewrote megabytes): every kind of entry has a limit, and a dossier filled to all of them stays small.
/// </summary>
public sealed class DossierLimitsTests(ITestOutputHelper output)
{
    /// <summary>The stored size a dossier filled to every limit, with every text at its longest, stays under (README, "Limits").</summary>
    public const int MaxStoredBytes = 384 * 1024;

    // A fresh string each time: the serializer writes a string it has already written in the same record as a
    // reference, so repeating one instance would understate the size.
    private static string Note => new('ạ', DossierLimits.MaxNoteLength);
    private static string Name => new('ố', DossierLimits.MaxNameLength);
    private static readonly Actor Officer = AgencyOfficer();
    private static DateTimeOffset _now = Start;

    private static DateTimeOffset Tick() => _now = _now.AddMinutes(1);

    private static ActionContext Noted(Actor actor) => As(actor) with { Note = Note };

    [Fact]
    public void Past_each_limit_a_change_is_resource_exhausted_and_changes_nothing()
    {
        var d = InState(InProcessing);
        for (var i = 0; i < DossierLimits.MaxSteps; i++)
        {
            d = Decider.RecordStep(d, As(Officer), $"Bước {i}", Tick()).Ok();
        }

        Assert.Equal((FailureKind.ResourceExhausted, "STEP_LIMIT_REACHED"), Refusal(Decider.RecordStep(d, As(Officer), "Thêm", Tick())));

        for (var i = 0; i < DossierLimits.MaxTransfers; i++)
        {
            d = Decider.ReturnFromTransfer(Decider.Transfer(d, As(Officer), EnvironmentDept, null, Tick()).Ok(), As(AgencyOfficer(EnvironmentDept)), Tick()).Ok();
        }

        Assert.Equal((FailureKind.ResourceExhausted, "TRANSFER_LIMIT_REACHED"), Refusal(Decider.Transfer(d, As(Officer), EnvironmentDept, null, Tick())));

        for (var i = 0; i < DossierLimits.MaxApologies; i++)
        {
            d = Decider.IssueApology(d, As(Officer), (d.PromisedAt ?? d.DueAt!.Value).AddDays(1), "Chậm", Tick()).Ok();
        }

        Assert.Equal((FailureKind.ResourceExhausted, "APOLOGY_LIMIT_REACHED"),
            Refusal(Decider.IssueApology(d, As(Officer), d.PromisedAt!.Value.AddDays(1), "Chậm", Tick())));

        for (var i = 0; i < DossierLimits.MaxSupplementRequests; i++)
        {
            d = Decider.ReceiveSupplement(Decider.RequestSupplement(d, As(Officer), Supplement(_now.AddDays(5)), Tick()).Ok(), As(DeskOfficer()), Tick()).Ok();
        }

        Assert.Equal((FailureKind.ResourceExhausted, "SUPPLEMENT_LIMIT_REACHED"),
            Refusal(Decider.RequestSupplement(d, As(Officer), Supplement(_now.AddDays(5)), Tick())));

        var longName = Upload(DocumentLimits.ResultComponentCode) with { FileName = new string('ố', DocumentLimits.MaxFileNameLength + 1) };
        var badName = Decider.AttachDocument(d, As(Officer), longName, DocumentLimitsForTests, Tick()).Refused();
        Assert.Equal((FailureKind.InvalidArgument, "file_name", "INVALID_FILE_NAME"), (badName.Kind, badName.Field, badName.Reason));
        for (var i = 0; i < DocumentLimits.MaxDocuments; i++)
        {
            d = Decider.AttachDocument(d, As(Officer), Upload(DocumentLimits.ResultComponentCode), DocumentLimitsForTests, Tick()).Ok();
        }

        Assert.Equal((FailureKind.ResourceExhausted, "DOCUMENT_LIMIT_REACHED"),
            Refusal(Decider.AttachDocument(d, As(Officer), Upload(DocumentLimits.ResultComponentCode), DocumentLimitsForTests, Tick())));

        for (var i = 0; i < DossierLimits.MaxPinReissues; i++)
        {
            d = Decider.IssueLookupPin(d, As(DeskOfficer()), PinHash, Tick()).Ok();
        }

        Assert.Equal((FailureKind.ResourceExhausted, "PIN_LIMIT_REACHED"), Refusal(Decider.IssueLookupPin(d, As(DeskOfficer()), PinHash, Tick())));

        var tooLong = Decider.RecordStep(d with { History = d.History.RemoveAll(h => h.Action == DossierAction.RecordStep) }, Noted(Officer) with
        {
            Note = Note + "x",
        }, "Bước", Tick()).Refused();
        Assert.Equal((FailureKind.InvalidArgument, "note", "TOO_LONG"), (tooLong.Kind, tooLong.Field, tooLong.Reason));
    }

    [Fact]
    public void No_dossier_grows_past_the_history_backstop()
    {
        var d = InState(InProcessing);
        var padded = d with { History = d.History.AddRange(Enumerable.Repeat(d.History[^1], DossierLimits.MaxHistoryEntries - d.History.Count)) };
        Assert.Equal((FailureKind.ResourceExhausted, "HISTORY_FULL"), Refusal(Decider.RecordResult(padded, As(Officer), ResultKind.Approved, "", Tick())));
    }

    [Fact]
    public void A_dossier_filled_to_every_limit_stays_small()
    {
        var d = Decider.Create(Online() with
        {
            Note = Note,
            Applicant = new Applicant { Kind = ApplicantKind.Citizen, FullName = Name, IdNumber = "022090001234", Phone = "0912345678", Email = "a@b.vn", Address = Note },
            Delivery = ReturnMethod.Post,
            DeliveryAddress = Note,
        }, Code, Tick(), PinHash).Ok();
        for (var i = 0; i < DocumentLimits.MaxDocuments; i++)
        {
            d = Attach(d, i);
        }

        Assert.Equal(DocumentLimits.MaxDocuments, d.Documents.Count);
        d = Decider.Accept(d, Noted(DeskOfficer()), Tick()).Ok();
        d = Decider.Forward(d, Noted(DeskOfficer()), Tick()).Ok();
        for (var i = 0; i < DossierLimits.MaxSupplementRequests; i++)
        {
            var supplement = new SupplementRequest { MissingItems = [.. Enumerable.Repeat(Name, DossierLimits.MaxMissingItems)], Reason = Note, Deadline = _now.AddDays(9) };
            d = Decider.RequestSupplement(d, Noted(Officer), supplement, Tick()).Ok();
            d = Decider.ReceiveSupplement(d, Noted(DeskOfficer()), Tick()).Ok();
        }

        for (var i = 0; i < DossierLimits.MaxSteps; i++)
        {
            d = Decider.RecordStep(d, Noted(Officer), Name, Tick()).Ok();
        }

        for (var i = 0; i < DossierLimits.MaxTransfers; i++)
        {
            d = Decider.Transfer(d, Noted(Officer), EnvironmentDept, 5, Tick()).Ok();
            d = Decider.ReturnFromTransfer(d, Noted(AgencyOfficer(EnvironmentDept)), Tick()).Ok();
        }

        for (var i = 0; i < DossierLimits.MaxAssignments; i++)
        {
            d = Decider.Assign(d, Noted(Officer), new string((char)('a' + i % 2), DossierDecider.MaxAssigneeIdLength), Name, Tick()).Ok();
        }

        for (var i = 0; i < DossierLimits.MaxApologies; i++)
        {
            d = Decider.IssueApology(d, Noted(Officer), (d.PromisedAt ?? d.DueAt!.Value).AddDays(1), Note, Tick()).Ok();
        }

        var fees = Enumerable.Range(0, DossierLimits.MaxFeeLines).Select(_ => new FeeLine { Name = Name, Amount = 1_000 }).ToList();
        for (var r = 1; r <= DossierLimits.MaxPaymentRequests; r++)
        {
            d = Decider.RequestPayment(d, Noted(Officer), fees, Tick()).Ok();
            for (var t = 1; t <= DossierLimits.MaxTransactionsPerRequest; t++)
            {
                var id = $"{r}-{t}-" + new string('X', 90);
                d = Pay(d, r, id, TransactionStatus.Initiated);
                d = Pay(d, r, id, t < DossierLimits.MaxTransactionsPerRequest ? TransactionStatus.Failed : TransactionStatus.Succeeded);
            }
        }

        d = Decider.RecordResult(d, Noted(Officer), ResultKind.Approved, Name, Tick()).Ok();
        for (var s = 1; s <= DossierLimits.MaxShipments; s++)
        {
            d = Decider.HandToPost(d, Noted(DeskOfficer()), Note, Carrier, ResultReturnedAt.Delivery, Tick()).Ok();
            d = Deliver(d, s, ShipmentStatus.Accepted);
            while (d.Shipments[^1].Events.Count < DossierLimits.MaxShipmentEvents - 1)
            {
                d = Deliver(d, s, d.Shipments[^1].Events.Count % 2 == 0 ? ShipmentStatus.InTransit : ShipmentStatus.DeliveryFailed);
            }

            d = Deliver(d, s, s < DossierLimits.MaxShipments ? ShipmentStatus.ReturnedToSender : ShipmentStatus.Delivered);
        }

        d = Decider.Rate(d, Noted(DeskOfficer()), Satisfaction.NotSatisfied, Note, Tick()).Ok();
        for (var i = 0; i < DossierLimits.MaxPinReissues; i++)
        {
            d = Decider.IssueLookupPin(d, Noted(DeskOfficer()), PinHash, Tick()).Ok();
        }

        Assert.Equal(ResultReturned, d.State);
        Assert.True(d.History.Count < DossierLimits.MaxHistoryEntries, $"{d.History.Count} history entries");

        var serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();
        var bytes = serializer.SerializeToArray(d).Length;
        output.WriteLine($"A dossier filled to every limit: {d.History.Count} history entries, {bytes:N0} bytes stored.");
        Assert.True(bytes <= MaxStoredBytes, $"{bytes:N0} bytes");
    }

    /// <summary>
    /// One paper as long as an upload can make it: the longest code, file name and request id, from a desk officer whose
    /// token subject is 64 letters of three UTF-8 bytes each (the officer's display name is the usual one, as in every
    /// other entry of this dossier). Every upload is a reference and a history entry.
    /// </summary>
    private static DossierRecord Attach(DossierRecord d, int i)
    {
        var uploader = DeskOfficer() with { PersonId = new string('ố', 64) };
        var context = As(uploader) with { RequestKey = GrainKeys.RequestKey(uploader, new string('R', 64)), RequestFingerprint = new string('F', 32) };
        var upload = new DocumentUpload
        {
            ComponentCode = new string(LongestPaper.AsSpan()),
            FileName = new string('ố', DocumentLimits.MaxFileNameLength),
            Head = "%PDF-1.7\n"u8.ToArray(),
            SizeBytes = 1000,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(BitConverter.GetBytes(i))),
        };
        return Decider.AttachDocument(d, context, upload, DocumentLimitsForTests, Tick()).Ok();
    }

    private static DossierRecord Pay(DossierRecord d, int request, string transaction, TransactionStatus status)
    {
        var report = new PaymentReport
        {
            RequestNumber = request, TransactionId = transaction, Amount = d.Payments[request - 1].Total, Status = status,
            OccurredAt = Tick(), Intermediary = Payment.PersonId,
        };
        var decision = Decider.ReportPayment(d, report, _now);
        if (decision.ReceiptSeries is { } series)
        {
            decision = Decider.ReportPayment(d, report, _now, request, series.Series);
        }

        Assert.Null(decision.Failure);
        return decision.Next!;
    }

    private static DossierRecord Deliver(DossierRecord d, int shipment, ShipmentStatus status)
    {
        var decision = Decider.ReportPostal(d, new PostalReport
        {
            ShipmentNumber = shipment, EventId = $"E{shipment}-{d.Shipments[^1].Events.Count}-" + new string('Y', 80), Status = status,
            OccurredAt = Tick(), Note = Name, Operator = Carrier,
            Location = new string('ư', DossierLimits.MaxEventLocationLength), RawCode = new string('V', DossierLimits.MaxRawCodeLength),
            Reason = DeliveryReasonCodes.TakesReason(status) ? DeliveryReason.Refused : DeliveryReason.Unspecified,
        }, _now.AddDays(1));
        Assert.Null(decision.Failure);
        return decision.Next!;
    }

    private static (FailureKind, string) Refusal(Decision decision)
    {
        var failure = decision.Refused();
        return (failure.Kind, failure.Reason);
    }
}
