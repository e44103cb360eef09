using DossierTracking.Domain.Dossiers;

namespace DossierTracking.UnitTests.Architecture;

/// <summary>
/// The domain's rules are plain code by the build, not by convention: its assembly references no runtime, transport,
/// database or telemetry (instruments live in the grains, the API and the host).
/// </summary>
public sealed class DomainPurityTests
{
    private static readonly string[] Forbidden = ["Orleans.Runtime", "Orleans.Server", "Grpc.", "Google.Protobuf", "Npgsql", "Microsoft.Data.Sqlite", "Microsoft.AspNetCore.",
        "OpenTelemetry", "System.Diagnostics.DiagnosticSource"];

    [Fact]
    public void The_domain_references_no_orleans_runtime_grpc_database_or_telemetry_assembly()
    {
        var references = typeof(DossierDecider).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.Contains("DossierTracking.Contracts", references);
        var impure = references.Where(name => Forbidden.Any(f => name.StartsWith(f, StringComparison.Ordinal))).ToList();
        Assert.True(impure.Count == 0, "the domain references " + string.Join(", ", impure));
    }

    [Fact]
    public void The_unit_tests_need_no_grain_assembly()
    {
        var loaded = typeof(DomainPurityTests).Assembly.GetReferencedAssemblies().Select(a => a.Name).ToList();
        Assert.DoesNotContain("DossierTracking.Grains", loaded);
    }
}
