using DossierTracking.LoadTests.Measurement;

namespace DossierTracking.LoadToolTests.Measurement;

/// <summary>PostgreSQL's CPU is its process tree's: every backend and worker, and those that already exited.</summary>
public sealed class ProcessTreeTests
{
    [Fact]
    public void A_stat_line_parses_even_when_the_command_name_holds_spaces_and_brackets()
    {
        var line = "4242 (postgres: a) b) S 4200 4242 4242 0 -1 4194560 100 0 0 0 70 30 5 -2 20 0 1 0 100 1000 10 18446744073709551615";

        var entry = ProcStat.Parse(4242, line);

        Assert.NotNull(entry);
        Assert.Equal("postgres: a) b", entry.Command);
        Assert.Equal(4200, entry.ParentId);
        Assert.Equal(70 + 30, entry.UserTicks + entry.SystemTicks);
        Assert.Equal(70 + 30 + 5 - 2, entry.TicksWithFinishedChildren);
    }

    [Fact]
    public void The_tree_sums_the_root_its_descendants_and_their_finished_children_but_not_other_processes()
    {
        ProcEntry[] entries =
        [
            new(100, "postgres", 1, 10, 5, 1000, 200),  // postmaster; cutime/cstime hold backends that exited
            new(101, "postgres", 100, 7, 3, 0, 0),      // checkpointer
            new(102, "postgres", 100, 40, 10, 0, 0),    // a backend
            new(103, "postgres", 102, 2, 0, 0, 0),      // a parallel worker under it
            new(200, "dotnet", 1, 5000, 500, 0, 0),     // the silo: not PostgreSQL
            new(201, "postgres", 200, 9, 9, 0, 0),      // a process merely named postgres elsewhere
        ];

        Assert.Equal(15 + 1200 + 10 + 50 + 2, ProcessTree.SumTicks(entries, 100));
    }

    [Fact]
    public void A_root_that_is_gone_gives_no_figure()
    {
        Assert.Null(ProcessTree.SumTicks([new ProcEntry(101, "postgres", 100, 7, 3, 0, 0)], 100));
    }

    [Fact]
    public void This_process_tree_is_readable_here()
    {
        // The project runs on Linux only; /proc is where the meters read.
        Assert.NotNull(ProcessTree.TryReadTicks(Environment.ProcessId));
    }
}
