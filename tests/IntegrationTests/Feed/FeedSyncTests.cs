using DossierTracking.Tools;
using System.Text;
using DossierTracking.GrpcApi.V1;
using DossierTracking.IntegrationTests.Infrastructure;
using DossierTracking.Silo.Operations;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;
using static DossierTracking.IntegrationTests.Feed.FeedSupport;
using static DossierTracking.IntegrationTests.Infrastructure.Requests;

namespace DossierTracking.IntegrationTests.Feed;

/// <summary>The reference consumer (feed-sync): its copy has every change of a run exactly once, across a stop and a crash.</summary>
public sealed class FeedSyncTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_consumer_copies_every_change_once_while_changes_go_on_across_a_stop_and_a_crash_mid_line()
    {
        await using var host = await TestHost.StartAsync(clock: new FakeTimeProvider(Local(2020, 10, 19, 8, 0)));
        var feed = new ChangeFeedService.ChangeFeedServiceClient(host.Invoker);
        var file = Path.Combine(TestHost.NewDataDirectory(), "changes.jsonl");
        var writing = WriteConcurrentlyAsync(host.Dossiers, workers: 4, dossiersPerWorker: 15, seed: 41, maxPause: TimeSpan.FromMilliseconds(25));

        // First run, following, stopped (as by Ctrl+C) while the changes go on.
        using (var stop = new CancellationTokenSource())
        {
            var first = new FeedSync(feed, file) { PageSize = 7, PollInterval = TimeSpan.FromMilliseconds(20) }.RunAsync(follow: true, stop.Token);
            await EventuallyAsync(() => Task.FromResult(LineCount(file)), n => n >= 30, TimeSpan.FromSeconds(30), "lines copied by the first run");
            await stop.CancelAsync();
            var result = await first;
            Assert.Equal(0, result.ResumedAfter);
            Assert.True(result.Written >= 30);
        }

        var stillWriting = !writing.IsCompleted;

        // A crash in the middle of writing a line: the file ends with half of its last line.
        var lines = ReadConsumerFile(file);
        var bytes = File.ReadAllBytes(file);
        var lastLineStart = Array.LastIndexOf(bytes, (byte)'\n', bytes.Length - 2) + 1;
        using (var stream = new FileStream(file, FileMode.Open))
        {
            stream.SetLength(lastLineStart + (bytes.Length - lastLineStart) / 2);
        }

        // Second run, following again; stopped once the writers are done.
        FeedSyncResult second;
        using (var stop = new CancellationTokenSource())
        {
            var run = new FeedSync(feed, file) { PageSize = 5, PollInterval = TimeSpan.FromMilliseconds(20) }.RunAsync(follow: true, stop.Token);
            await writing;
            await stop.CancelAsync();
            second = await run;
        }

        // It resumed before the cut line, so that change was fetched again.
        Assert.Equal(lines[^2].Position, second.ResumedAfter);

        // Third run, without --follow: catches up and stops by itself.
        var third = await new FeedSync(feed, file) { PageSize = 9 }.RunAsync(follow: false, CancellationToken.None);
        Assert.Equal(second.LastPosition, third.ResumedAfter);

        // A fourth finds nothing new and writes nothing.
        var fourth = await new FeedSync(feed, file).RunAsync(follow: false, CancellationToken.None);
        Assert.Equal(0, fourth.Written);

        var copied = ReadConsumerFile(file);
        var dossiers = await GetAllAsync(host.Dossiers, (await writing).ToList());
        AssertExact(copied.Select(c => (c.Position, c.Change)).ToList(), dossiers.ToDictionary(d => d.Key, d => d.Value.Version));

        // Each line is the change itself, and the copy is the feed, position for position.
        var changes = await ReadAllAsync(feed, pageSize: 1000);
        Assert.Equal(changes.Select(c => (c.Position, new ChangeKey(c.ReceiptCode, c.Version))), copied.Select(c => (c.Position, c.Change)));
        foreach (var (line, change) in copied.Select(c => c.Line).Zip(changes))
        {
            Assert.Equal(change.Entry.Action.ToString(), Pascal(line.GetProperty("action").GetString()!, "DOSSIER_ACTION_"));
            Assert.Equal((int)change.Entry.ToState, line.GetProperty("to_state_code").GetInt32());
            Assert.Equal(change.Entry.Actor.PersonId, line.GetProperty("actor").GetProperty("person_id").GetString());
            Assert.Equal(change.ProcedureCode, line.GetProperty("procedure_code").GetString());
        }

        output.WriteLine($"{copied.Count} changes of {dossiers.Count} dossiers; runs wrote {second.Written} and {third.Written} after the first; " +
            $"writers still busy when the first run stopped: {stillWriting}");
    }

    [Fact]
    public async Task The_feed_sync_command_copies_the_feed_and_exits_0_once_caught_up()
    {
        await using var host = await TestHost.StartAsync(clock: new FakeTimeProvider(Local(2020, 10, 19, 8, 0)));
        var codes = await WriteConcurrentlyAsync(host.Dossiers, workers: 2, dossiersPerWorker: 3, seed: 43);
        var file = Path.Combine(TestHost.NewDataDirectory(), "changes.jsonl");
        var target = $"http://127.0.0.1:{host.Settings["Network:GrpcPort"]}";

        var (exitCode, printed) = await RunCommandAsync("feed-sync", "--target", target, "--out", file, "--page-size", "4");
        Assert.True(exitCode == 0, printed);
        var copied = ReadConsumerFile(file);
        AssertExact(copied.Select(c => (c.Position, c.Change)).ToList(),
            (await GetAllAsync(host.Dossiers, codes)).ToDictionary(d => d.Key, d => d.Value.Version));
        Assert.Contains($"{copied.Count} changes appended", printed);

        // Again: nothing new, nothing appended.
        (exitCode, printed) = await RunCommandAsync("feed-sync", "--target", target, "--out", file, "--quiet");
        Assert.True(exitCode == 0, printed);
        Assert.Contains($"0 changes appended", printed);
        Assert.Equal(copied.Count, ReadConsumerFile(file).Count);

        (exitCode, printed) = await RunCommandAsync("feed-sync", "--target", target, "--out", file, "--page-size", "1001");
        Assert.Equal(OperatorCli.UsageError, exitCode);
        Assert.Contains("--page-size", printed);
    }

    private static async Task<(int ExitCode, string Output)> RunCommandAsync(params string[] args)
    {
        var start = new System.Diagnostics.ProcessStartInfo("dotnet",
            [typeof(Silo.Hosting.DossierHost).Assembly.Location, .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment[CallerToken.Variable] = TestTokens.For(GrpcApi.Security.Roles.Sync, "national-portal");
        using var process = System.Diagnostics.Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }

    [Fact]
    public void The_checkpoint_is_the_last_complete_line_and_a_partial_or_damaged_tail_is_cut()
    {
        var folder = TestHost.NewDataDirectory();
        var path = Path.Combine(folder, "changes.jsonl");
        Assert.Equal(0, FeedSync.Recover(path));

        File.WriteAllText(path, "");
        Assert.Equal(0, FeedSync.Recover(path));

        File.WriteAllText(path, "{\"position\":3,\"receipt_co");
        Assert.Equal(0, FeedSync.Recover(path));
        Assert.Equal("", File.ReadAllText(path));

        var complete = "{\"position\":3,\"note\":\"a\"}\n{\"position\":9,\"note\":\"Nguyễn\"}\n";
        File.WriteAllText(path, complete + "{\"position\":12,\"rec");
        Assert.Equal(9, FeedSync.Recover(path));
        Assert.Equal(complete, File.ReadAllText(path));

        // Complete but unreadable (e.g. zeros after a power cut): dropped too; its change is fetched again.
        File.WriteAllText(path, complete + "\0\0\0\0\n");
        Assert.Equal(9, FeedSync.Recover(path));
        Assert.Equal(complete, File.ReadAllText(path));

        // Lines longer than the block read backwards, and many of them.
        var big = new StringBuilder();
        for (var i = 1; i <= 300; i++)
        {
            big.Append("{\"position\":").Append(i * 2).Append(",\"note\":\"").Append('x', 1000).Append("\"}\n");
        }

        big.Append("{\"position\":601,\"note\":\"").Append('y', 70_000).Append("\"}\n");
        File.WriteAllText(path, big + "{\"position\":700,\"note\":\"" + new string('z', 90_000));
        Assert.Equal(601, FeedSync.Recover(path));
        Assert.Equal(big.ToString(), File.ReadAllText(path));
    }

    private static int LineCount(string path)
    {
        if (!File.Exists(path))
        {
            return 0;
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Count(c => c == '\n');
    }

    private static string Pascal(string protoName, string prefix) =>
        string.Concat(protoName[prefix.Length..].Split('_').Select(w => w[..1] + w[1..].ToLowerInvariant()));
}
