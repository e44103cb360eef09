using System.CommandLine;

namespace DossierTracking.Tools;

/// <summary>Options the commands that call a silo share.</summary>
internal static class Options
{
    public static Option<string> Target(OperatorEnvironment environment) => new("--target")
    {
        Description = "the silo's gRPC address, e.g. http://127.0.0.1:5000 (default: this machine's silo as its settings say)",
        DefaultValueFactory = _ => environment.DefaultTarget,
    };

    public static Option<FileInfo> TokenFile(string role) => new("--token-file")
    {
        Description = $"a file holding a '{role}' token (else the environment variable {CallerToken.Variable}; in Development the command signs its own)",
    };
}
