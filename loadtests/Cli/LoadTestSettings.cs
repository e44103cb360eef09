using System.ComponentModel;
using DossierTracking.LoadTests.Configuration;
using Spectre.Console;
using Spectre.Console.Cli;

namespace DossierTracking.LoadTests.Cli;

/// <summary>The command line, as Spectre.Console.Cli binds it. <see cref="ToOptions"/> turns it into the run's settings.</summary>
public sealed class LoadTestSettings : CommandSettings
{
    [CommandOption("--target <URL>")]
    [Description("The silo's gRPC address; loopback only.")]
    [DefaultValue("http://127.0.0.1:5000")]
    public string Target { get; init; } = "http://127.0.0.1:5000";

    [CommandOption("--dossiers <COUNT>")]
    [Description("Dossiers to submit: the online dossiers Quảng Ninh took July 2016 - October 2020.")]
    [DefaultValue(439_803)]
    public int Dossiers { get; init; } = 439_803;

    [CommandOption("--concurrency <CALLS>")]
    [Description("Calls in flight at once.")]
    [DefaultValue(64)]
    public int Concurrency { get; init; } = 64;

    [CommandOption("--warmup <SECONDS>")]
    [Description("Seconds of load before each operation's first measured slice (at least 15 for real numbers: tiered JIT needs 6-16 s).")]
    [DefaultValue(20)]
    public int Warmup { get; init; } = 20;

    [CommandOption("--measure <SECONDS>")]
    [Description("Measured seconds per operation; ceilings and their targets get them in --slices alternating slices.")]
    [DefaultValue(30)]
    public int Measure { get; init; } = 30;

    [CommandOption("--slices <COUNT>")]
    [Description("Slices each ceiling and its targets are measured in, taking turns (echo, lookups; upsert, accept).")]
    [DefaultValue(6)]
    public int Slices { get; init; } = 6;

    [CommandOption("--lifecycle <COUNT>")]
    [Description("Dossiers taken through forward, supplement, result and return.")]
    [DefaultValue(20_000)]
    public int Lifecycle { get; init; } = 20_000;

    [CommandOption("--cold <COUNT>")]
    [Description("Lookups of dossiers that must load from the database.")]
    [DefaultValue(20_000)]
    public int Cold { get; init; } = 20_000;

    [CommandOption("--hot-agency-dossiers <COUNT>")]
    [Description("Dossiers the hot-agency phase submits, all to procedure 1.003205 of the Department of Construction (H49.08) at desk H49.50.")]
    [DefaultValue(40_000)]
    public int HotAgencyDossiers { get; init; } = 40_000;

    [CommandOption("--metrics <URL>")]
    [Description("The silo's Prometheus endpoint (http://127.0.0.1:<http port>/metrics; run.sh sets it): read as an operator after the run for the lags of the change relay and the change stream, reported in a note.")]
    public string? Metrics { get; init; }

    [CommandOption("--pg-connection <STRING>")]
    [Description("An Npgsql connection string to the silo's PostgreSQL (run.sh sets it): each measured window also gets PostgreSQL's CPU (when it runs on this machine), WAL bytes and statements (pg_stat_statements, else transactions) per call. Needs a superuser for CREATE EXTENSION pg_stat_statements.")]
    public string? PgConnection { get; init; }

    [CommandOption("--other-silos <PIDS>")]
    [Description("Process ids, comma-separated, of the cluster's other silos on this machine (run.sh --cluster sets them): their CPU is added to the target silo's, so a call's silo CPU is the whole cluster's.")]
    public string? OtherSilos { get; init; }

    [CommandOption("--webhooks <COUNT>")]
    [Description("Webhook subscriptions, each taking every change, active from the write group on: the silo POSTs every change to a receiver in this tool N times; the delivery lag (commit to receipt) is reported.")]
    [DefaultValue(0)]
    public int Webhooks { get; init; }

    [CommandOption("--phases <LIST>")]
    [Description("'all' or a comma list of: ceiling,submit,lookup,upsert,transition,lifecycle,hot-agency,cold,memory (ceiling or lookup runs the lookup group, upsert or transition the write group).")]
    [DefaultValue(PhaseList.All)]
    public string Phases { get; init; } = PhaseList.All;

    [CommandOption("--out <DIR>")]
    [Description("Folder for results-*.json/.md and latest.json/.md.")]
    [DefaultValue("loadtests/results")]
    public string Out { get; init; } = "loadtests/results";

    [CommandOption("--max-minutes <MINUTES>")]
    [Description("Hard bound on the whole run: stop and report what was measured.")]
    [DefaultValue(30.0)]
    public double MaxMinutes { get; init; } = 30;

    [CommandOption("--seed <SEED>")]
    [Description("Seed of the workload (desks, procedures, applicants, key choice).")]
    [DefaultValue(2020)]
    public int Seed { get; init; } = 2020;

    public override ValidationResult Validate()
    {
        if (!LoopbackTarget.TryParse(Target, out _, out var targetError))
        {
            return ValidationResult.Error(targetError);
        }

        if (!PhaseList.TryParse(Phases, out _, out var phaseError))
        {
            return ValidationResult.Error(phaseError);
        }

        return (Dossiers, Concurrency, Warmup, Measure, Lifecycle, Cold, MaxMinutes) switch
        {
            ( < 1, _, _, _, _, _, _) => ValidationResult.Error("--dossiers must be at least 1."),
            (_, < 1 or > 4096, _, _, _, _, _) => ValidationResult.Error("--concurrency must be 1-4096."),
            (_, _, < 0, _, _, _, _) => ValidationResult.Error("--warmup must be 0 or more seconds."),
            (_, _, _, < 1, _, _, _) => ValidationResult.Error("--measure must be at least 1 second."),
            (_, _, _, _, < 0, _, _) => ValidationResult.Error("--lifecycle must be 0 or more."),
            (_, _, _, _, _, < 0, _) => ValidationResult.Error("--cold must be 0 or more."),
            _ when HotAgencyDossiers < 0 => ValidationResult.Error("--hot-agency-dossiers must be 0 or more."),
            _ when Webhooks is < 0 or > 100 => ValidationResult.Error("--webhooks must be 0-100 (a deployment holds at most 100 subscriptions)."),
            (_, _, _, _, _, _, <= 0 or > 24 * 60) => ValidationResult.Error("--max-minutes must be more than 0 and at most 1440."),
            _ when Slices < 1 => ValidationResult.Error("--slices must be at least 1."),
            // A slice shorter than a second is mostly its edges: the calls still in flight and the CPU samples.
            _ when Slices > Measure => ValidationResult.Error($"--slices must be at most --measure ({Measure}): a slice lasts at least 1 second."),
            _ when string.IsNullOrWhiteSpace(Out) => ValidationResult.Error("--out must name a folder."),
            _ when OtherSiloIds() is null => ValidationResult.Error("--other-silos must be distinct process ids separated by commas, e.g. 4101,4102."),
            _ when PgConnection is not null && !IsConnectionString(PgConnection) =>
                ValidationResult.Error("--pg-connection must be an Npgsql connection string, e.g. Host=127.0.0.1;Port=5432;Database=dossiers;Username=postgres."),
            _ => ValidationResult.Success(),
        };
    }

    public LoadTestOptions ToOptions()
    {
        // Validate() has run: both parses succeed here.
        LoopbackTarget.TryParse(Target, out var target, out _);
        PhaseList.TryParse(Phases, out var phases, out _);
        return new LoadTestOptions
        {
            Target = target,
            Dossiers = Dossiers,
            Concurrency = Concurrency,
            WarmupSeconds = Warmup,
            MeasureSeconds = Measure,
            Slices = Slices,
            Lifecycle = Lifecycle,
            Cold = Cold,
            HotAgencyDossiers = HotAgencyDossiers,
            Webhooks = Webhooks,
            Metrics = string.IsNullOrEmpty(Metrics) ? null : new Uri(Metrics),
            PostgresConnection = string.IsNullOrWhiteSpace(PgConnection) ? null : PgConnection,
            OtherSiloProcessIds = OtherSiloIds()!,
            Phases = phases,
            OutputDirectory = Path.GetFullPath(Out),
            MaxMinutes = MaxMinutes,
            Seed = Seed,
        };
    }

    /// <summary>The ids of --other-silos; empty when none; null when one is not a positive number.</summary>
    private IReadOnlyList<int>? OtherSiloIds()
    {
        if (string.IsNullOrWhiteSpace(OtherSilos))
        {
            return [];
        }

        var ids = new List<int>();
        foreach (var part in OtherSilos.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) || id <= 0)
            {
                return null;
            }

            ids.Add(id);
        }

        return ids.Distinct().Count() == ids.Count ? ids : null;
    }

    private static bool IsConnectionString(string value)
    {
        try
        {
            return !string.IsNullOrEmpty(new Npgsql.NpgsqlConnectionStringBuilder(value).Host);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException)
        {
            return false;
        }
    }
}
