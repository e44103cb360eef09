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
        text.AppendLine(CultureInfo.InvariantCulture, $"- Target: {report.Silo.Target}, seed {settings.Seed}, run id {report.RunId}, server CPU from {report.Silo.CpuSource}");
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
        text.AppendLine("| " + string.Join(" | ", Cells.Headers) + " |");
        text.AppendLine("|" + string.Join("|", Cells.Headers.Select((_, i) => i == 0 ? "---" : "---:")) + "|");
        foreach (var row in report.Operations)
        {
            text.AppendLine("| " + string.Join(" | ", Cells.Of(row).Select(EscapeCell)) + " |");
        }

        text.AppendLine();
        text.AppendLine("Rate counts successful calls per second of the measured slices (of the whole phase for submit, lifecycle, hot-agency and cold). " +
            "vs ceiling: lookups against the echo (rate, and p99 in brackets), accept against the raw upsert.");
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
            $"managed heap {Cells.Mb(memory.ManagedHeapBeforeBytes)} → {Cells.Mb(memory.ManagedHeapAfterBytes)}, {Cells.Kb(memory.ManagedKbPerDossier)} per active dossier; " +
            $"working set {Cells.Mb(memory.WorkingSetBeforeBytes)} → {Cells.Mb(memory.WorkingSetAfterBytes)}, {Cells.Kb(memory.WorkingSetKbPerDossier)} per active dossier " +
            $"(target ≤ {MemoryReport.TargetKbPerDossier:0} KB).";
    }

    private static string Accepted(RunReport report) =>
        report.Submit is { } submit ? $" planned, {Cells.Count(submit.Accepted)} accepted" : " planned";

    private static string MemTotal(MachineInfo machine) =>
        machine.MemTotalBytes is { } bytes ? (bytes / 1024.0 / 1024 / 1024).ToString("0.0", CultureInfo.InvariantCulture) + " GiB" : "unknown";

    private static string EscapeCell(string cell) => cell.Replace("|", "\\|", StringComparison.Ordinal);
}
