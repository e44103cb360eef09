using System.Globalization;
using System.Text;
using DossierTracking.LoadTests.Configuration;

namespace DossierTracking.LoadTests.Reporting;

/// <summary>results-*.md: a header naming the conditions, the table, the memory line, the targets and the notes.</summary>
public static class MarkdownReport
{
    public static string Render(RunReport report)
    {
        var settings = report.Settings;
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"# Load test {report.StartedAtUtc:yyyy-MM-dd HH:mm} UTC");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"- Date (UTC): {report.StartedAtUtc:yyyy-MM-dd HH:mm:ss} – {report.FinishedAtUtc:HH:mm:ss}");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Machine: {report.Machine.CpuModel}, {report.Machine.Processors} logical processors (nproc), {MemTotal(report.Machine)} MemTotal; the client and the silo share it");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Storage: {report.Silo.Storage}");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Active silos: {report.Silo.ActiveSilos}");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Concurrency: {settings.Concurrency} calls in flight, one channel");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Warm-up / measure: {settings.WarmupSeconds} s / {settings.MeasureSeconds} s per operation");
        if (SlicingLine(report) is { } slicing)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- {slicing}");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"- Dossiers: {Cells.Count(settings.Dossiers)}{Accepted(report)}; lifecycle {Cells.Count(settings.Lifecycle)}, cold lookups {Cells.Count(settings.Cold)}, hot agency {Cells.Count(settings.HotAgencyDossiers)}");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Target: {report.Silo.Target}, seed {settings.Seed}, run id {report.RunId}, silo CPU from {report.Silo.CpuSource}");
        text.AppendLine(CultureInfo.InvariantCulture, $"- {(report.Postgres is { } postgres ? postgres.Describe() : "PostgreSQL: not measured (no --pg-connection)")}");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Client retries: {report.Retries.Total:N0} attempts sent again ({report.Retries.Policy}); each call counts once in the table");
        if (settings.IsSmokeSized)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- **Smoke-sized run**: warm-up below {LoadTestOptions.MinimumRealWarmupSeconds} s, so the tiered JIT had not settled; these numbers are not a measurement.");
        }

        if (report.StoppedEarly is { } stopped)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- **Stopped early**: {stopped}; the table holds what was measured until then.");
        }

        text.AppendLine();
        var headers = Cells.Headers(report.Postgres);
        text.AppendLine("| " + string.Join(" | ", headers) + " |");
        text.AppendLine("|" + string.Join("|", headers.Select((_, i) => i == 0 ? "---" : "---:")) + "|");
        foreach (var row in report.Operations)
        {
            text.AppendLine("| " + string.Join(" | ", Cells.Of(row, report.Postgres).Select(EscapeCell)) + " |");
        }

        text.AppendLine();
        text.AppendLine(Legend(report.Postgres));
        text.AppendLine();
        text.AppendLine(MemoryLine(report.Memory));
        text.AppendLine();
        text.AppendLine("## Targets");
        text.AppendLine();
        foreach (var target in report.Targets)
        {
            var status = target.Status switch
            {
                TargetStatus.Met => "**met**",
                TargetStatus.Missed => "**missed**",
                _ => "not measured",
            };
            text.AppendLine(CultureInfo.InvariantCulture, $"- {status}: {target.Target} ({target.Detail})");
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

    /// <summary>What the columns mean, under the table.</summary>
    public static string Legend(PostgresInfo? postgres)
    {
        var text = "Rate counts successful calls per second of the measured slices (of the whole phase for submit, lifecycle, hot-agency and cold). " +
            "vs ceiling: lookups against the echo (rate, and p99 in brackets), cold lookups against the raw select (rate, and p99), accept and submit against the raw upsert (rate). " +
            "Silo CPU: the silo process's CPU time over the same windows, per call.";
        if (postgres is not null)
        {
            var counted = postgres.CountsStatements
                ? "PG stmts/call: statements executed (pg_stat_statements calls, BEGIN and COMMIT included)"
                : "PG xacts/call: transactions ended (pg_stat_database; pg_stat_statements not loaded)";
            text += " PG CPU: CPU time of every PostgreSQL process (postmaster, backends, background workers) per call; n/a when the server runs elsewhere. " +
                "WAL: WAL bytes generated per call. " + counted + ". " +
                "All three are the whole cluster's over the same windows: the relay, feed, audit and autovacuum count to the calls they follow.";
        }

        return text;
    }

    /// <summary>How the ceilings and their targets were measured, or null when neither group was selected.</summary>
    public static string? SlicingLine(RunReport report)
    {
        var settings = report.Settings;
        if (!settings.Runs(Phase.Lookups) && !settings.Runs(Phase.Writes))
        {
            return null;
        }

        var slicing = report.Slicing;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"Ceilings and their targets measured in {slicing.Slices} alternating slices of {slicing.SliceSeconds:0.##} s each (after {slicing.WarmupSeconds} s warm-up each)");
    }

    public static string MemoryLine(MemoryReport? memory)
    {
        if (memory is null)
        {
            return "Memory: not measured.";
        }

        var others = memory.OtherActivations.Values.Sum();
        var earlier = memory.DossierActivationsBefore > 0 ? $", {Cells.Count(memory.DossierActivationsBefore)} were active before" : "";
        return $"Memory: {Cells.Count(memory.DossierActivationsAdded)} dossiers activated by submit{earlier} ({Cells.Count(others)} other activations); " +
            $"managed heap {Cells.Mb(memory.ManagedHeapBeforeBytes)} → {Cells.Mb(memory.ManagedHeapAfterBytes)}, {Cells.Kb(memory.ManagedKbPerDossier)} per active dossier " +
            $"(target ≤ {MemoryReport.TargetKbPerDossier:0} KB); " +
            $"working set {Cells.Mb(memory.WorkingSetBeforeBytes)} → {Cells.Mb(memory.WorkingSetAfterBytes)}, {Cells.Kb(memory.WorkingSetKbPerDossier)} per active dossier.";
    }

    private static string Accepted(RunReport report) =>
        report.Submit is { } submit ? $" planned, {Cells.Count(submit.Accepted)} accepted" : " planned";

    private static string MemTotal(MachineInfo machine) =>
        machine.MemTotalBytes is { } bytes ? (bytes / 1024.0 / 1024 / 1024).ToString("0.0", CultureInfo.InvariantCulture) + " GiB" : "unknown";

    private static string EscapeCell(string cell) => cell.Replace("|", "\\|", StringComparison.Ordinal);
}
