using System.ComponentModel;
using DossierTracking.LoadTests.Crash;
using Spectre.Console;
using Spectre.Console.Cli;

namespace DossierTracking.LoadTests.Cli;

/// <summary>The <c>crash</c> command's options. <see cref="ToOptions"/> turns them into the benchmark's settings.</summary>
public sealed class CrashBenchmarkSettings : CommandSettings
{
    private static readonly Dictionary<string, CrashKind> KindNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["kill"] = CrashKind.Kill,
        ["drain"] = CrashKind.Drain,
        ["outage"] = CrashKind.Outage,
    };

    [CommandOption("--rounds <COUNT>")]
    [Description("Rounds of each measurement under each membership setting.")]
    [DefaultValue(3)]
    public int Rounds { get; init; } = 3;

    [CommandOption("--measure <LIST>")]
    [Description("'all' or a comma list of: kill (SIGKILL, served again), drain (SIGTERM, exited), outage (PostgreSQL down, submissions again).")]
    [DefaultValue("all")]
    public string Measure { get; init; } = "all";

    [CommandOption("--membership <WHICH>")]
    [Description("Failure-detection settings: default (Orleans' own, as production), tuned (the crash tests': about 2 s), or both.")]
    [DefaultValue("both")]
    public string Membership { get; init; } = "both";

    [CommandOption("--silos <COUNT>")]
    [Description("Silos of the cluster for kill and drain (the outage runs one).")]
    [DefaultValue(3)]
    public int Silos { get; init; } = 3;

    [CommandOption("--workers <COUNT>")]
    [Description("Callers of the background load, each submitting and accepting dossiers (half of them for the outage).")]
    [DefaultValue(12)]
    public int Workers { get; init; } = 12;

    [CommandOption("--outage <SECONDS>")]
    [Description("How long PostgreSQL stays down in an outage round.")]
    [DefaultValue(10)]
    public int Outage { get; init; } = 10;

    [CommandOption("--silo <DLL>")]
    [Description("The built silo (run.sh --crash builds it in Release).")]
    [DefaultValue("src/Silo/bin/Release/net10.0/DossierTracking.Silo.dll")]
    public string Silo { get; init; } = "src/Silo/bin/Release/net10.0/DossierTracking.Silo.dll";

    [CommandOption("--postgres-script <FILE>")]
    [Description("The project's scripts/postgres.sh, which starts, kills and restarts the benchmark's PostgreSQL.")]
    [DefaultValue("scripts/postgres.sh")]
    public string PostgresScript { get; init; } = "scripts/postgres.sh";

    [CommandOption("--work <DIR>")]
    [Description("Folder for PostgreSQL's files and the silos' logs (default: a new temporary folder, removed afterwards).")]
    public string? Work { get; init; }

    [CommandOption("--out <DIR>")]
    [Description("Folder for crash-*.json/.md and crash-latest.json/.md.")]
    [DefaultValue("loadtests/results")]
    public string Out { get; init; } = "loadtests/results";

    [CommandOption("--max-minutes <MINUTES>")]
    [Description("Bound on the whole benchmark: no round starts after it; the report holds what was measured.")]
    [DefaultValue(60.0)]
    public double MaxMinutes { get; init; } = 60;

    public override ValidationResult Validate()
    {
        if (!TryKinds(out _, out var kindError))
        {
            return ValidationResult.Error(kindError);
        }

        if (!TryMemberships(out _))
        {
            return ValidationResult.Error($"--membership '{Membership}' must be default, tuned or both.");
        }

        return this switch
        {
            { Rounds: < 1 or > 100 } => ValidationResult.Error("--rounds must be 1-100."),
            { Silos: < 2 or > 9 } => ValidationResult.Error("--silos must be 2-9: one is killed or stopped, the others carry on."),
            { Workers: < 1 or > 256 } => ValidationResult.Error("--workers must be 1-256."),
            { Outage: < 1 or > 600 } => ValidationResult.Error("--outage must be 1-600 seconds."),
            { MaxMinutes: <= 0 or > 24 * 60 } => ValidationResult.Error("--max-minutes must be more than 0 and at most 1440."),
            _ when !File.Exists(Silo) => ValidationResult.Error($"--silo '{Silo}' does not exist: build it (dotnet build src/Silo -c Release), or run bash loadtests/run.sh --crash."),
            _ when !File.Exists(PostgresScript) => ValidationResult.Error($"--postgres-script '{PostgresScript}' does not exist: run from the repository root, or give its path."),
            _ when string.IsNullOrWhiteSpace(Out) => ValidationResult.Error("--out must name a folder."),
            _ => ValidationResult.Success(),
        };
    }

    public CrashBenchmarkOptions ToOptions()
    {
        // Validate() has run: both parses succeed here.
        TryKinds(out var kinds, out _);
        TryMemberships(out var memberships);
        return new CrashBenchmarkOptions
        {
            Rounds = Rounds,
            Silos = Silos,
            Workers = Workers,
            OutageSeconds = Outage,
            Kinds = kinds,
            Memberships = memberships,
            SiloDll = Path.GetFullPath(Silo),
            PostgresScript = Path.GetFullPath(PostgresScript),
            WorkDirectory = Work is null ? null : Path.GetFullPath(Work),
            OutputDirectory = Path.GetFullPath(Out),
            MaxMinutes = MaxMinutes,
        };
    }

    private bool TryKinds(out IReadOnlyList<CrashKind> kinds, out string error)
    {
        error = "";
        if (Measure.Trim().Equals("all", StringComparison.OrdinalIgnoreCase))
        {
            kinds = Enum.GetValues<CrashKind>();
            return true;
        }

        var chosen = new List<CrashKind>();
        foreach (var part in Measure.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!KindNames.TryGetValue(part, out var kind))
            {
                kinds = chosen;
                error = $"Unknown measurement '{part}'. Use 'all' or a comma list of: {string.Join(",", KindNames.Keys)}.";
                return false;
            }

            if (!chosen.Contains(kind))
            {
                chosen.Add(kind);
            }
        }

        kinds = chosen.Order().ToList();
        if (kinds.Count == 0)
        {
            error = "--measure names no measurement.";
            return false;
        }

        return true;
    }

    private bool TryMemberships(out IReadOnlyList<Membership> memberships)
    {
        memberships = Membership.Trim().ToLowerInvariant() switch
        {
            "both" => [Crash.Membership.Tuned, Crash.Membership.Default],
            "tuned" => [Crash.Membership.Tuned],
            "default" => [Crash.Membership.Default],
            _ => [],
        };
        return memberships.Count > 0;
    }
}
