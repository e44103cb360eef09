using System.Globalization;
using System.Text.Json;
using DossierTracking.Contracts.Catalog;
using DossierTracking.Contracts.Dossiers;
using DossierTracking.Domain.Calendar;
using DossierTracking.Domain.Catalog;
using DossierTracking.Domain.Dossiers;

namespace DossierTracking.LoadToolTests;

/// <summary>
/// Every generated line, replayed through the domain's own decider on the catalogue the silo ships: the dossier is
/// created as the portal's submission (so the procedure and desk pass ValidateNew), and each later entry is the
/// decision a live call would get, by the party and unit named, from the state before. Each entry's to_state and agency
/// must be what the decider leaves; times must rise and lie in the past. A silo that imports the file applies the
/// same table, so a line that fails here would be refused there.
/// </summary>
public sealed class ImportLifecycleTests(GeneratedImport import) : IClassFixture<GeneratedImport>
{
    private static readonly ReferenceCatalog Catalog = ReferenceCatalog.LoadEmbedded();
    private static readonly DossierDecider Decider = new(WorkingCalendar.Standard, Catalog);

    [Fact]
    public void Every_line_is_a_history_the_lifecycle_allows()
    {
        foreach (var line in import.Documents)
        {
            var code = line.GetProperty("receipt_code").GetString()!;
            var failure = Replay(line);
            Assert.True(failure is null, $"{code}: {failure}");
        }
    }

    [Fact]
    public void Every_procedure_is_offered_online_at_the_level_of_its_desk()
    {
        foreach (var line in import.Documents)
        {
            var procedure = Catalog.FindProcedure(line.GetProperty("procedure_code").GetString()!);
            var desk = Catalog.FindAgency(line.GetProperty("receiving_desk").GetString()!);

            Assert.NotNull(procedure);
            Assert.NotNull(desk);
            Assert.True(desk.IsReceivingDesk);
            Assert.Equal(procedure.AgencyLevel, desk.Level);
            Assert.True(procedure.ServiceLevel >= 3);
        }
    }

    /// <summary>Null when the line replays cleanly; else what went wrong, for the assertion message.</summary>
    private static string? Replay(JsonElement line)
    {
        var history = line.GetProperty("history").EnumerateArray().ToList();
        var first = history[0];
        var submitted = Moment(first);
        var request = new NewDossier
        {
            RequestId = line.GetProperty("source_id").GetString()!,
            ProcedureCode = line.GetProperty("procedure_code").GetString()!,
            ReceivingDeskCode = line.GetProperty("receiving_desk").GetString()!,
            Channel = Enum.Parse<Channel>(line.GetProperty("channel").GetString()!, ignoreCase: true),
            Applicant = Applicant(line.GetProperty("applicant")),
            Actor = Actor(first.GetProperty("actor")),
        };
        if (first.GetProperty("action").GetString() != "SUBMIT" || first.GetProperty("to_state").GetString() != "SUBMITTED")
        {
            return "the first entry is not the portal's SUBMIT";
        }

        var created = Decider.Create(request, line.GetProperty("receipt_code").GetString()!, submitted, "not-a-pin");
        if (created.Failure is { } refused)
        {
            return $"SUBMIT refused: {refused.Message}";
        }

        var dossier = created.Next!;
        var previous = submitted;
        var now = DateTimeOffset.UtcNow;
        for (var i = 1; i < history.Count; i++)
        {
            var entry = history[i];
            var at = Moment(entry);
            var note = entry.TryGetProperty("note", out var n) ? n.GetString()! : "";
            var context = new ActionContext { Actor = Actor(entry.GetProperty("actor")), Note = note };
            var action = entry.GetProperty("action").GetString()!;
            if (at <= previous || at >= now)
            {
                return $"history[{i}] at {at:O} is not after {previous:O} and before now";
            }

            Decision? decision = action switch
            {
                "ACCEPT" => Decider.Accept(dossier, context, at),
                "REFUSE_INTAKE" => Decider.RefuseIntake(dossier, context, note, at),
                "FORWARD" => Decider.Forward(dossier, context, at),
                "WITHDRAW" => Decider.Withdraw(dossier, context, note, at),
                "STOP" => Decider.Stop(dossier, context, note, at),
                "RECORD_RESULT" => Decider.RecordResult(dossier, context, Parse<ResultKind>(line.GetProperty("result")), "", at),
                "RETURN_RESULT" => Decider.ReturnResult(dossier, context, Parse<ReturnMethod>(line.GetProperty("return_method")), at),
                _ => default(Decision?),
            };
            if (decision is null)
            {
                return $"history[{i}]: the generator writes no {action}";
            }

            if (decision.Value.Failure is { } failure)
            {
                return $"history[{i}] {action}: {failure.Message}";
            }

            dossier = decision.Value.Next!;
            if (dossier.State != Parse<DossierState>(entry.GetProperty("to_state")))
            {
                return $"history[{i}] {action} leaves {dossier.State}, the line says {entry.GetProperty("to_state")}";
            }

            if (dossier.CurrentAgencyCode != entry.GetProperty("agency").GetString())
            {
                return $"history[{i}] {action} leaves the dossier at {dossier.CurrentAgencyCode}, the line says {entry.GetProperty("agency")}";
            }

            previous = at;
        }

        return dossier.State == Parse<DossierState>(line.GetProperty("state")) ? null : $"ends in {dossier.State}, the line's state is {line.GetProperty("state")}";
    }

    private static Actor Actor(JsonElement actor) => new()
    {
        Party = Parse<Party>(actor.GetProperty("party")),
        PersonId = actor.GetProperty("id").GetString()!,
        AgencyCode = actor.TryGetProperty("unit", out var unit) ? unit.GetString()! : "",
    };

    private static Applicant Applicant(JsonElement applicant) => new()
    {
        Kind = Parse<ApplicantKind>(applicant.GetProperty("kind")),
        FullName = applicant.GetProperty("full_name").GetString()!,
        IdNumber = applicant.GetProperty("id_number").GetString()!,
        Phone = applicant.TryGetProperty("phone", out var phone) ? phone.GetString()! : "",
    };

    private static DateTimeOffset Moment(JsonElement entry) =>
        DateTimeOffset.Parse(entry.GetProperty("at").GetString()!, CultureInfo.InvariantCulture);

    /// <summary>The schema's upper-case words (RESULT_RETURNED) as the domain's enum names (ResultReturned).</summary>
    private static T Parse<T>(JsonElement value) where T : struct, Enum =>
        Enum.Parse<T>(value.GetString()!.Replace("_", "", StringComparison.Ordinal), ignoreCase: true);
}
