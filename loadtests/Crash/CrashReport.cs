using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using DossierTracking.LoadTests.Clients;
using DossierTracking.LoadTests.Reporting;
using Spectre.Console;

namespace DossierTracking.LoadTests.Crash;

/// <summary>
/// What a crash benchmark measured: one row per measurement and membership setting (median and slowest round against
/// the production target), every round, and the conditions. Written as crash-*.json and crash-*.md, copied to
/// crash-latest.json/.md.
/// </summary>
public sealed record CrashReport
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };

    public required DateTimeOffset StartedAtUtc { get; init; }
    public required DateTimeOffset FinishedAtUtc { get; init; }
    public required CrashBenchmarkOptions Settings { get; init; }
    public required MachineInfo Machine { get; init; }
    public required string RetryPolicy { get; init; }
    public required IReadOnlyList<Row> Rows { get; init; }
    public required IReadOnlyList<CrashRound> Rounds { get; init; }
    public required IReadOnlyList<string> Notes { get; init; }

    /// <summary>One measurement under one membership setting, over its rounds.</summary>
    public sealed record Row(
        CrashKind Kind,
        Membership Membership,
        int Rounds,
        int Recovered,
        double? MedianSeconds,
        double? MaxSeconds,
        double TargetSeconds,
        string Target,
        bool Met,
        long FailedCalls,
        long Calls,
        long Retries);

    public static CrashReport Create(CrashBenchmarkOptions settings, DateTimeOffset started, DateTimeOffset finished, MachineInfo machine,
        IReadOnlyList<CrashRound> rounds, IReadOnlyList<string> notes) => new()
    {
        StartedAtUtc = started,
        FinishedAtUtc = finished,
        Settings = settings,
        Machine = machine,
        RetryPolicy = ClientRetryPolicy.Describe(),
        Rows = rounds.GroupBy(r => (r.Kind, r.Membership)).Select(g =>
        {
            var list = g.ToList();
            var measured = list.Where(r => r.Seconds is not null).Select(r => r.Seconds!.Value).Order().ToList();
            return new Row(
                g.Key.Kind,
                g.Key.Membership,
                list.Count,
                measured.Count,
                measured.Count == 0 ? null : Median(measured),
                // A round that never recovered makes the slowest unknown, not the slowest measured.
                measured.Count < list.Count || measured.Count == 0 ? null : measured[^1],
                CrashTargets.Of(g.Key.Kind, g.Key.Membership).TotalSeconds,
                CrashTargets.Describe(g.Key.Kind, g.Key.Membership),
                CrashTargets.Met(g.Key.Kind, g.Key.Membership, list),
                list.Sum(r => r.FailedCalls),
                list.Sum(r => r.Calls),
                list.Sum(r => r.Retries));
        }).ToList(),
        Rounds = rounds,
        Notes = notes,
    };

    public static void Write(IAnsiConsole console, CrashReport report)
    {
        var table = new Table().Border(TableBorder.Rounded).Title($"Crash benchmark {report.StartedAtUtc:yyyy-MM-dd HH:mm} UTC");
        foreach (var (header, index) in Headers.Select((h, i) => (h, i)))
        {
            table.AddColumn(new TableColumn(Markup.Escape(header)) { Alignment = index < 2 ? Justify.Left : Justify.Right });
        }

        foreach (var row in report.Rows)
        {
            var cells = Cells(row).Select(Markup.Escape).ToArray();
            cells[6] = row.Met ? $"[green]{cells[6]}[/]" : $"[red]{cells[6]}[/]";
            table.AddRow(cells);
        }

        console.Write(table);
        foreach (var note in report.Notes)
        {
            console.MarkupLine($"[grey]note:[/] {Markup.Escape(note)}");
        }
    }

    public static IReadOnlyList<string> WriteFiles(CrashReport report, string directory)
    {
        Directory.CreateDirectory(directory);
        var stamp = report.StartedAtUtc.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        var json = Path.Combine(directory, $"crash-{stamp}.json");
        var markdown = Path.Combine(directory, $"crash-{stamp}.md");
        File.WriteAllText(json, JsonSerializer.Serialize(report, Json) + "\n");
        File.WriteAllText(markdown, Render(report));
        File.Copy(json, Path.Combine(directory, "crash-latest.json"), overwrite: true);
        File.Copy(markdown, Path.Combine(directory, "crash-latest.md"), overwrite: true);
        return [json, markdown];
    }

    public static string Render(CrashReport report)
    {
        var settings = report.Settings;
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"# Crash benchmark {report.StartedAtUtc:yyyy-MM-dd HH:mm} UTC");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"- Date (UTC): {report.StartedAtUtc:yyyy-MM-dd HH:mm:ss} – {report.FinishedAtUtc:HH:mm:ss}");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Machine: {report.Machine.CpuModel}, {report.Machine.Processors} logical processors; PostgreSQL, the silos and the load share it");
        text.AppendLine(CultureInfo.InvariantCulture, $"- {settings.Silos} silos on PostgreSQL (one for the outage), {settings.Workers} callers submitting and accepting ({Math.Max(1, settings.Workers / 2)} for the outage), {settings.Rounds} rounds each, a fresh database and cluster per round");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Load before the harm {settings.Warmup.TotalSeconds:0} s, after the measured moment {settings.Cooldown.TotalSeconds:0} s; a round waits at most {settings.RoundLimit.TotalSeconds:0} s; outage {settings.OutageSeconds} s");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Client retries: {report.RetryPolicy}; failed calls are those that failed after every attempt");
        text.AppendLine();
        text.AppendLine("| " + string.Join(" | ", Headers) + " |");
        text.AppendLine("|---|---|" + string.Join("|", Headers.Skip(2).Select(_ => "---:")) + "|");
        foreach (var row in report.Rows)
        {
            text.AppendLine("| " + string.Join(" | ", Cells(row)) + " |");
        }

        text.AppendLine();
        text.AppendLine("kill: SIGKILL of one silo; seconds until every acknowledged dossier (a random sample of up to 2,000) answered a lookup on a live silo again. " +
            "drain: SIGTERM of one silo (callers had stopped choosing it); seconds until it exited. " +
            "outage: PostgreSQL stopped at once, started again; seconds from its return until a new submission succeeded (no client retries on that probe).");
        text.AppendLine();
        text.AppendLine("## Rounds");
        text.AppendLine();
        text.AppendLine("| Measurement | Membership | Round | Seconds | Calls | Failed | Retried attempts | Detail |");
        text.AppendLine("|---|---|---:|---:|---:|---:|---:|---|");
        foreach (var round in report.Rounds)
        {
            var failures = round.FailedCalls == 0 ? "0" : $"{round.FailedCalls:N0} ({string.Join(", ", round.Failures.Select(f => $"{f.Key} {f.Value:N0}"))})";
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {Kind(round.Kind)} | {MembershipSettings.NameOf(round.Membership)} | {round.Round} | {Seconds(round.Seconds)} | {round.Calls:N0} | {failures} | {round.Retries:N0} | {round.Detail} |");
        }

        if (report.Notes.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("## Notes");
            text.AppendLine();
            foreach (var note in report.Notes)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"- {note}");
            }
        }

        return text.ToString();
    }

    private static readonly string[] Headers =
        ["Measurement", "Membership", "Rounds", "Median (s)", "Max (s)", "Target (s)", "Met", "Failed calls", "Retried attempts"];

    private static string[] Cells(Row row) =>
    [
        Kind(row.Kind),
        MembershipSettings.NameOf(row.Membership),
        row.Recovered == row.Rounds ? $"{row.Rounds}" : $"{row.Recovered} of {row.Rounds} recovered",
        Seconds(row.MedianSeconds),
        Seconds(row.MaxSeconds),
        row.TargetSeconds.ToString("0", CultureInfo.InvariantCulture),
        row.Met ? "met" : "missed",
        $"{row.FailedCalls:N0} of {row.Calls:N0}",
        $"{row.Retries:N0}",
    ];

    private static string Kind(CrashKind kind) => kind switch
    {
        CrashKind.Kill => "kill: served again",
        CrashKind.Drain => "drain: exited",
        _ => "outage: submissions again",
    };

    private static string Seconds(double? seconds) => seconds is { } s ? s.ToString("0.00", CultureInfo.InvariantCulture) : "–";

    private static double Median(IReadOnlyList<double> sorted) =>
        sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}
