using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using DossierTracking.GrpcApi.V1;
using DossierTracking.LoadTests.Workload;

namespace DossierTracking.LoadTests.Import;

/// <summary>
/// Writes the import file of docs/import.md for the reference province: online dossiers from July 2016 to October 2020
/// in the order they were submitted, one JSON object a line. Days get their counts from <see cref="DailyVolumes"/>;
/// within a day, submissions mostly in office hours; each is drawn like the load test's (a level, a receiving desk of
/// it weighted by <see cref="DeskWeights"/>, an online procedure of that level), gets the desk's next
/// receipt number of the day and a history that obeys the lifecycle's table: submitted by the portal, accepted and
/// forwarded by the desk, decided by the competent agency, returned at the desk; or refused at intake, withdrawn or
/// stopped. Officers act in office time only. One seeded <see cref="Random"/> drives it all, so a seed always gives
/// the same file; nothing is held but the current day.
/// </summary>
public sealed class ImportGenerator
{
    /// <summary>The portal that submitted every dossier (Cổng dịch vụ công Quảng Ninh).</summary>
    public const string PortalId = "dvc-qn";

    public const string SourceIdPrefix = "qn-egov-";

    /// <summary>At most this many working days of processing, so a 120-day procedure still ends within months.</summary>
    private const double MaxProcessingDays = 60;

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // Vietnamese names as they are, not \u escapes: the file is read by a JSON parser, never embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    private static readonly string[] IntakeRefusals =
    [
        "Hồ sơ chưa đủ thành phần theo quy định",
        "Thông tin trên tờ khai không khớp với giấy tờ đính kèm",
        "Bản chụp giấy tờ không rõ, không đọc được",
        "Hồ sơ không thuộc thẩm quyền giải quyết của cơ quan",
    ];

    private static readonly string[] Withdrawals =
    [
        "Người nộp xin rút hồ sơ",
        "Nộp trùng hồ sơ",
        "Người nộp không còn nhu cầu giải quyết",
    ];

    private static readonly string[] Stops =
    [
        "Người nộp không bổ sung hồ sơ theo yêu cầu",
        "Có văn bản đề nghị dừng giải quyết của cơ quan có thẩm quyền",
        "Thông tin kê khai không trung thực",
    ];

    private readonly WorkloadModel model;
    private readonly WeightedSampler levelSampler;
    private readonly WeightedSampler[] deskSamplers;
    private readonly Dictionary<string, Procedure> procedures;
    private readonly Dictionary<string, AgencyLevel> deskLevels;
    private readonly OfficeCalendar calendar;
    private readonly FakeApplicants applicants;

    public ImportGenerator(CatalogueSnapshot catalogue, OfficeCalendar calendar)
    {
        model = WorkloadModel.Build(catalogue);
        levelSampler = new WeightedSampler(model.Levels.Select(l => l.Share).ToArray());
        var agencies = catalogue.Agencies.ToDictionary(a => a.Code, StringComparer.Ordinal);
        deskSamplers = model.Levels.Select(l => DeskWeights.For(l.Desks.Select(d => model.DeskCodes[d]).ToList(), agencies)).ToArray();
        procedures = catalogue.Procedures.ToDictionary(p => p.Code, StringComparer.Ordinal);
        deskLevels = catalogue.Agencies.ToDictionary(a => a.Code, a => a.Level, StringComparer.Ordinal);
        this.calendar = calendar;
        applicants = new FakeApplicants(catalogue);
    }

    /// <summary>The shipped catalogue and holiday calendar.</summary>
    public static ImportGenerator ForReferenceProvince() => new(ShippedCatalogue.Load(), OfficeCalendar.Shipped);

    /// <summary>Writes <paramref name="total"/> lines to <paramref name="output"/>; <paramref name="progress"/> hears the lines written so far, now and then.</summary>
    public ImportGenerationSummary Write(Stream output, int total, int seed, IProgress<long>? progress = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(total);
        var random = new Random(seed);
        var roster = new OfficerRoster(seed);
        var perDay = DailyVolumes.Plan(total, calendar, random);
        var buffer = new ArrayBufferWriter<byte>(4096);
        using var json = new Utf8JsonWriter(buffer, WriterOptions);
        var history = new List<HistoryStep>(6);
        var sequences = new Dictionary<int, int>();
        var counts = new Counts();
        long written = 0;

        for (var day = 0; day < perDay.Length; day++)
        {
            var date = DailyVolumes.FirstDay.AddDays(day);
            var moments = SubmissionMoments(date, perDay[day], random);
            sequences.Clear();
            foreach (var submitted in moments)
            {
                var levelIndex = levelSampler.Next(random);
                var level = model.Levels[levelIndex];
                var desk = level.Desks[deskSamplers[levelIndex].Next(random)];
                var procedure = procedures[model.ProcedureCodes[level.Procedures[level.ProcedureSampler.Next(random)]]];
                var deskCode = model.DeskCodes[desk];
                var sequence = sequences[desk] = sequences.GetValueOrDefault(desk) + 1;

                buffer.ResetWrittenCount();
                json.Reset(buffer);
                var state = WriteLine(json, ++written, submitted, deskCode, sequence, procedure, history, roster, random, counts);
                json.Flush();
                output.Write(buffer.WrittenSpan);
                output.WriteByte((byte)'\n');
                counts.Add(state, deskCode, deskLevels[deskCode], submitted, history[^1].At, buffer.WrittenCount + 1);
                if (written % 10_000 == 0)
                {
                    progress?.Report(written);
                }
            }
        }

        output.Flush();
        progress?.Report(written);
        return counts.Summary();
    }

    private string WriteLine(Utf8JsonWriter json, long number, DateTime submitted, string desk, int sequence, Procedure procedure,
        List<HistoryStep> history, OfficerRoster roster, Random random, Counts counts)
    {
        // The competent agency: the owning department for a province-level procedure, else the desk's own locality.
        var handling = procedure.AgencyLevel == AgencyLevel.Province ? procedure.AgencyCode : desk;
        var (state, result) = History(submitted, desk, handling, procedure, history, roster, random);
        if (result == "REFUSED")
        {
            counts.RefusedResults++;
        }

        json.WriteStartObject();
        json.WriteString("source_id", string.Create(CultureInfo.InvariantCulture, $"{SourceIdPrefix}{number:D9}"));
        json.WriteString("receipt_code", string.Create(CultureInfo.InvariantCulture, $"{desk}-{submitted:yyMMdd}-{sequence:D4}"));
        json.WriteString("procedure_code", procedure.Code);
        json.WriteString("receiving_desk", desk);
        json.WriteString("channel", "ONLINE");
        applicants.Write(json, desk, random);
        json.WriteString("state", state);
        if (result is not null)
        {
            json.WriteString("result", result);
            json.WriteString("return_method", "IN_PERSON");
        }

        json.WriteStartArray("history");
        foreach (var step in history)
        {
            json.WriteStartObject();
            json.WriteString("at", step.At.ToString("yyyy-MM-dd'T'HH:mm:ss'+07:00'", CultureInfo.InvariantCulture));
            json.WriteString("action", step.Action);
            json.WriteString("to_state", step.ToState);
            json.WriteString("agency", step.Agency);
            json.WriteStartObject("actor");
            json.WriteString("party", step.Party);
            json.WriteString("id", step.ActorId);
            if (step.Unit is not null)
            {
                json.WriteString("unit", step.Unit);
            }

            json.WriteEndObject();
            if (step.Note is not null)
            {
                json.WriteString("note", step.Note);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        return state;
    }

    /// <summary>
    /// The dossier's history as the old system recorded it, and its state and result today. Each entry is a move the
    /// lifecycle allows from the state before, by a party within its scope: the desk's officers for intake, forwarding
    /// and returning (unit = the desk); the competent agency's officer for the result and its leader for a stop; the
    /// submitting portal or the desk for a withdrawal. <c>agency</c> is the unit holding the dossier after the entry:
    /// the desk until it is forwarded, the competent agency while it is processed, the desk again once the result is
    /// recorded.
    /// </summary>
    private (string State, string? Result) History(DateTime submitted, string desk, string handling, Procedure procedure,
        List<HistoryStep> history, OfficerRoster roster, Random random)
    {
        history.Clear();
        history.Add(new HistoryStep(submitted, "SUBMIT", "SUBMITTED", desk, "PORTAL", PortalId, null, null));
        var outcome = random.NextDouble();
        var clerk = roster.DeskOfficer(desk, random);

        if (outcome < 0.010)
        {
            var refused = Office(submitted, IntakeDelay(random));
            history.Add(Desk(refused, "REFUSE_INTAKE", "REJECTED_AT_INTAKE", desk, desk, clerk, IntakeRefusals[random.Next(IntakeRefusals.Length)]));
            return ("REJECTED_AT_INTAKE", null);
        }

        if (outcome < 0.017)
        {
            // Withdrawn through the portal before the desk looked at it: any hour, within a day.
            var at = Truncate(submitted.AddMinutes(20 + random.NextDouble() * 20 * 60));
            history.Add(new HistoryStep(at, "WITHDRAW", "WITHDRAWN", desk, "PORTAL", PortalId, null, Withdrawals[random.Next(Withdrawals.Length)]));
            return ("WITHDRAWN", null);
        }

        var accepted = Office(submitted, IntakeDelay(random));
        history.Add(Desk(accepted, "ACCEPT", "RECEIVED", desk, desk, clerk, null));
        var forwarded = Office(accepted, 2 + random.NextDouble() * 43);
        history.Add(Desk(forwarded, "FORWARD", "IN_PROCESSING", handling, desk, clerk, null));

        var limitDays = LimitInWorkingDays(procedure);
        if (outcome < 0.025)
        {
            // Withdrawn at the desk, at the applicant's request, while the agency had it.
            var at = Office(forwarded, Math.Max(30, limitDays * OfficeCalendar.MinutesPerDay * random.NextDouble() * 0.6));
            history.Add(Desk(at, "WITHDRAW", "WITHDRAWN", handling, desk, roster.DeskOfficer(desk, random), Withdrawals[random.Next(Withdrawals.Length)]));
            return ("WITHDRAWN", null);
        }

        if (outcome < 0.030)
        {
            var at = Office(forwarded, Math.Max(60, limitDays * OfficeCalendar.MinutesPerDay * (0.2 + random.NextDouble() * 0.6)));
            history.Add(new HistoryStep(at, "STOP", "STOPPED", handling, "AGENCY_LEADER", roster.Leader(handling), handling, Stops[random.Next(Stops.Length)]));
            return ("STOPPED", null);
        }

        // The clock runs from acceptance: most finish well within the limit, some close to it, a few late.
        var share = random.NextDouble() switch
        {
            < 0.70 => 0.15 + random.NextDouble() * 0.65,
            < 0.93 => 0.80 + random.NextDouble() * 0.20,
            _ => 1.00 + random.NextDouble() * 0.60,
        };
        var decided = Office(accepted, Math.Max(30, Math.Min(MaxProcessingDays, limitDays * share) * OfficeCalendar.MinutesPerDay));
        if (decided <= forwarded)
        {
            decided = Office(forwarded, 15);
        }

        var result = random.NextDouble() < 0.035 ? "REFUSED" : "APPROVED";
        history.Add(new HistoryStep(decided, "RECORD_RESULT", "RESULT_READY", desk, "AGENCY_OFFICER", roster.AgencyOfficer(handling, random), handling, null));
        // The applicant comes for the result within days, mostly the next one or two.
        var returned = Office(decided, 10 + random.NextDouble() * random.NextDouble() * 5 * OfficeCalendar.MinutesPerDay);
        history.Add(Desk(returned, "RETURN_RESULT", "RESULT_RETURNED", desk, desk, roster.DeskOfficer(desk, random), null));
        return ("RESULT_RETURNED", result);
    }

    /// <summary>An entry by an officer of the receiving desk (its unit), leaving the dossier with <paramref name="agency"/>.</summary>
    private static HistoryStep Desk(DateTime at, string action, string toState, string agency, string desk, string clerk, string? note) =>
        new(at, action, toState, agency, "DESK_OFFICER", clerk, desk, note);

    private DateTime Office(DateTime after, double minutes) => Truncate(calendar.AddOfficeMinutes(after, Math.Max(1, minutes)));

    /// <summary>Office minutes from submission to the desk's decision: half within two hours, a few over two days.</summary>
    private static double IntakeDelay(Random random) => 3 + -Math.Log(1 - random.NextDouble()) * 180;

    private static double LimitInWorkingDays(Procedure procedure)
    {
        var limit = procedure.OnlineLimit ?? procedure.Limit;
        return limit.Unit == LimitUnit.CalendarDays ? limit.Value * 5.0 / 7 : limit.Value;
    }

    private static DateTime Truncate(DateTime at) => new(at.Ticks - at.Ticks % TimeSpan.TicksPerSecond);

    /// <summary>The day's submission moments in order: on a working day most in office hours, the rest early, at lunch or in the evening; on other days 07:00-22:00.</summary>
    private DateTime[] SubmissionMoments(DateOnly date, int count, Random random)
    {
        var day = date.ToDateTime(TimeOnly.MinValue);
        var working = calendar.IsWorkingDay(date);
        var moments = new DateTime[count];
        for (var i = 0; i < count; i++)
        {
            double minute;
            if (!working)
            {
                minute = 7 * 60 + random.NextDouble() * 15 * 60;
            }
            else if (random.NextDouble() < 0.85)
            {
                var office = random.NextDouble() * OfficeCalendar.MinutesPerDay;
                minute = office < 270 ? 7 * 60 + office : 13.5 * 60 + (office - 270);
            }
            else
            {
                // 06:00-07:00, 11:30-13:30, 17:00-23:00: nine hours.
                var other = random.NextDouble() * 9 * 60;
                minute = other < 60 ? 6 * 60 + other : other < 180 ? 11.5 * 60 + (other - 60) : 17 * 60 + (other - 180);
            }

            moments[i] = Truncate(day.AddMinutes(minute));
        }

        Array.Sort(moments);
        return moments;
    }

    /// <summary>Running totals of what was written.</summary>
    private sealed class Counts
    {
        private readonly Dictionary<string, long> byState = new(StringComparer.Ordinal);
        private readonly Dictionary<string, long> byLevel = new(StringComparer.Ordinal);
        private readonly Dictionary<string, long> byDesk = new(StringComparer.Ordinal);
        private long total;
        private long in2020;
        private long bytes;
        private DateTime first = DateTime.MaxValue;
        private DateTime last = DateTime.MinValue;
        private DateTime lastEvent = DateTime.MinValue;

        public long RefusedResults { get; set; }

        public void Add(string state, string desk, AgencyLevel level, DateTime submitted, DateTime finished, long lineBytes)
        {
            total++;
            bytes += lineBytes;
            byState[state] = byState.GetValueOrDefault(state) + 1;
            byLevel[level.ToString()] = byLevel.GetValueOrDefault(level.ToString()) + 1;
            byDesk[desk] = byDesk.GetValueOrDefault(desk) + 1;
            if (submitted.Year == 2020)
            {
                in2020++;
            }

            first = submitted < first ? submitted : first;
            last = submitted > last ? submitted : last;
            lastEvent = finished > lastEvent ? finished : lastEvent;
        }

        public ImportGenerationSummary Summary() => new()
        {
            Total = total,
            In2020 = in2020,
            ByState = byState.OrderByDescending(p => p.Value).ToDictionary(),
            ByLevel = byLevel.OrderByDescending(p => p.Value).ToDictionary(),
            TopDesks = byDesk.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Take(10).ToList(),
            RefusedResults = RefusedResults,
            Bytes = bytes,
            FirstSubmitted = first,
            LastSubmitted = last,
            LastEvent = lastEvent,
        };
    }
}
