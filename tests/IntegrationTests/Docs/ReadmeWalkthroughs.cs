namespace DossierTracking.IntegrationTests.Docs;

/// <summary>
/// The README's runnable examples: the set-up block (the one that makes the callers' tokens, <c>AS_PORTAL=...</c>)
/// and every other ```bash block that calls grpcurl or curl, grouped into walk-throughs. A block that submits a dossier
/// (over gRPC, or by a POST to <c>/v1/dossiers</c>), or that sits under another heading than the block before it, starts
/// a walk-through; the blocks after it, up to the
/// next such block, continue it. Each walk-through runs from a fresh start: only the set-up block's variables and
/// functions are known to it, so it must take its receipt code and the rest from its own replies.
/// </summary>
public sealed partial class ReadmeWalkthroughs
{
    /// <summary>The REST submission: the dossiers collection itself, not a dossier or a custom method on it.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"/v1/dossiers(?=[""'\s)]|$)", System.Text.RegularExpressions.RegexOptions.Multiline)]
    private static partial System.Text.RegularExpressions.Regex RestSubmission();

    private ReadmeWalkthroughs(Block setup, IReadOnlyList<Walkthrough> walkthroughs)
    {
        Setup = setup;
        All = walkthroughs;
    }

    public Block Setup { get; }

    public IReadOnlyList<Walkthrough> All { get; }

    /// <summary>A ```bash block: the README line of its first command line, the heading above it, its text.</summary>
    public sealed record Block(int Line, string Heading, string Text);

    /// <summary>A walk-through, named by the line its first block starts on.</summary>
    public sealed record Walkthrough(int Line, string Heading, IReadOnlyList<Block> Blocks)
    {
        public override string ToString() => $"README line {Line} ({Heading})";
    }

    public static string ReadmePath()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "DossierTracking.slnx")))
        {
            directory = directory.Parent;
        }

        return Path.Combine(directory?.FullName ?? throw new InvalidOperationException("the repository root (DossierTracking.slnx) is not above the test's folder"), "README.md");
    }

    public static ReadmeWalkthroughs Load(string readmePath) => Parse(File.ReadAllText(readmePath));

    public static ReadmeWalkthroughs Parse(string readme)
    {
        var blocks = new List<Block>();
        var lines = readme.ReplaceLineEndings("\n").Split('\n');
        var heading = "";
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].StartsWith('#'))
            {
                heading = lines[i].TrimStart('#').Trim();
            }
            else if (lines[i].Trim() == "```bash")
            {
                var end = Array.FindIndex(lines, i + 1, l => l.Trim() == "```");
                blocks.Add(new Block(i + 2, heading, string.Join('\n', lines[(i + 1)..end])));
                i = end;
            }
        }

        var setup = blocks.Single(b => b.Text.Contains("AS_PORTAL=", StringComparison.Ordinal));
        var walkthroughs = new List<Walkthrough>();
        List<Block>? current = null;
        // "curl " also finds "grpcurl ".
        foreach (var block in blocks.Where(b => b != setup && b.Text.Contains("curl ", StringComparison.Ordinal)))
        {
            if (current is null || block.Text.Contains("DossierService/SubmitDossier", StringComparison.Ordinal) || RestSubmission().IsMatch(block.Text)
                || block.Heading != current[^1].Heading)
            {
                current = [];
                walkthroughs.Add(new Walkthrough(block.Line, block.Heading, current));
            }

            current.Add(block);
        }

        return new ReadmeWalkthroughs(setup, walkthroughs);
    }
}
