using Spectre.Console;

namespace DossierTracking.LoadTests.Reporting;

/// <summary>The end-of-run summary on the console: the same table as the Markdown, then memory and targets.</summary>
public static class ConsoleReport
{
    public static void Write(IAnsiConsole console, RunReport report)
    {
        var table = new Table().Border(TableBorder.Rounded).Title($"Load test {report.StartedAtUtc:yyyy-MM-dd HH:mm} UTC, {Markup.Escape(report.Silo.Storage)}");
        foreach (var (header, index) in Cells.Headers(report.Postgres).Select((h, i) => (h, i)))
        {
            table.AddColumn(new TableColumn(Markup.Escape(header)) { Alignment = index == 0 ? Justify.Left : Justify.Right });
        }

        foreach (var row in report.Operations)
        {
            var cells = Cells.Of(row, report.Postgres).Select(Markup.Escape).ToArray();
            if (row.Errors > 0)
            {
                cells[^1] = $"[red]{cells[^1]}[/]";
            }

            table.AddRow(cells);
        }

        console.Write(table);
        if (MarkdownReport.SlicingLine(report) is { } slicing)
        {
            console.MarkupLine(Markup.Escape(slicing + "."));
        }

        console.MarkupLine(Markup.Escape(MarkdownReport.MemoryLine(report.Memory)));
        foreach (var target in report.Targets)
        {
            var status = target.Status switch
            {
                TargetStatus.Met => "[green]met[/]",
                TargetStatus.Missed => "[red]missed[/]",
                _ => "[grey]not measured[/]",
            };
            console.MarkupLine($"{status}  {Markup.Escape(target.Target)} ({Markup.Escape(target.Detail)})");
        }

        foreach (var note in report.Notes)
        {
            console.MarkupLine($"[grey]note:[/] {Markup.Escape(note)}");
        }
    }
}
