using Grpc.Core;
using static DossierTracking.IntegrationTests.Docs.ShellScript;

namespace DossierTracking.IntegrationTests.Docs;

/// <summary>
/// Runs README blocks statement by statement in a <see cref="ShellSession"/> and checks each against what the README
/// says it answers (<see cref="ReadmeExpectation"/>). Operator commands at the top level (<c>dotnet run ... recount</c>,
/// <c>feed-sync --follow</c>) are listed as skipped: they run their own processes against the default port. A walk-
/// through stops at its first failure, since the commands after it build on it.
/// </summary>
public sealed class WalkthroughRunner(ShellSession session, Action<string> log)
{
    /// <summary>Statements run (assignments included) and statements skipped.</summary>
    public int Ran { get; private set; }

    public int Skipped { get; private set; }

    /// <summary>What went wrong, one entry per failed statement (at most one: a walk-through stops there).</summary>
    public List<string> Failures { get; } = [];

    public async Task RunAsync(IEnumerable<ReadmeWalkthroughs.Block> blocks)
    {
        foreach (var block in blocks)
        {
            ShellScript script;
            try
            {
                script = ShellScript.Parse(block.Text, block.Line);
            }
            catch (FormatException e)
            {
                Failures.Add(e.Message);
                return;
            }

            foreach (var statement in script.Statements)
            {
                if (!await RunAsync(statement))
                {
                    return;
                }
            }
        }
    }

    private async Task<bool> RunAsync(Statement statement)
    {
        if (statement is Pipeline { Commands: [{ Words: [{ Parts: [Literal { Text: "dotnet" }] }, ..] }, ..] })
        {
            Skipped++;
            log($"line {statement.Line}: skipped (an operator command, not a call)");
            return true;
        }

        var expectation = ReadmeExpectation.Of(statement);
        session.ClearReplies();
        RpcException? failure = null;
        string output;
        try
        {
            output = await session.RunAsync(statement);
        }
        catch (RpcException e)
        {
            (failure, output) = (e, $"ERROR: {ReadmeExpectation.Upper(e.StatusCode)}: {e.Status.Detail}");
        }
        catch (ShellException e)
        {
            Failures.Add(e.Message);
            return false;
        }

        Ran++;
        log($"line {statement.Line}: {Abbreviate(output)}");
        if (expectation.Check(failure, session.Replies) is { } problem)
        {
            Failures.Add($"README line {statement.Line}: {problem}");
            return false;
        }

        return true;
    }

    private static string Abbreviate(string output)
    {
        var text = output.ReplaceLineEndings(" ").Trim();
        return text.Length <= 300 ? text : text[..300] + "...";
    }
}
