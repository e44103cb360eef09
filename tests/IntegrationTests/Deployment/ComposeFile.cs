using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace DossierTracking.IntegrationTests.Deployment;

/// <summary>
/// deploy/compose.yaml as docker compose reads it: YAML with its merge keys (<c>&lt;&lt;: *silo</c>) resolved, and
/// <c>${NAME}</c>, <c>${NAME:-default}</c>, <c>${NAME:?message}</c> replaced by the default or a stand-in value.
/// </summary>
public sealed partial class ComposeFile
{
    private ComposeFile(YamlMappingNode root, IReadOnlyList<string> variables)
    {
        Root = root;
        Variables = variables;
    }

    public YamlMappingNode Root { get; }

    /// <summary>The names of the variables the file takes from deploy/.env or the environment.</summary>
    public IReadOnlyList<string> Variables { get; }

    public static string DeployFolder()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "DossierTracking.slnx")))
        {
            directory = directory.Parent;
        }

        return Path.Combine(directory?.FullName ?? throw new InvalidOperationException("the repository root (DossierTracking.slnx) is not above the test's folder"), "deploy");
    }

    public static ComposeFile Load(string path)
    {
        var text = File.ReadAllText(path);
        var variables = Variable().Matches(text).Select(m => m.Groups["name"].Value).Distinct().ToList();
        var resolved = Variable().Replace(text, m => m.Groups["operator"].Value == "-" ? m.Groups["rest"].Value : "stand-in");
        var stream = new YamlStream();
        stream.Load(new MergingParser(new Parser(new StringReader(resolved))));
        return new ComposeFile((YamlMappingNode)stream.Documents.Single().RootNode, variables);
    }

    public YamlMappingNode Service(string name) => (YamlMappingNode)((YamlMappingNode)Root["services"])[name];

    public IEnumerable<string> ServiceNames => ((YamlMappingNode)Root["services"]).Children.Keys.Select(k => ((YamlScalarNode)k).Value!);

    public static IReadOnlyDictionary<string, string> Environment(YamlMappingNode service) =>
        ((YamlMappingNode)service["environment"]).Children.ToDictionary(e => ((YamlScalarNode)e.Key).Value!, e => ((YamlScalarNode)e.Value).Value ?? "");

    public static IReadOnlyList<string> Strings(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(key, out var value) ? ((YamlSequenceNode)value).Children.Select(c => ((YamlScalarNode)c).Value!).ToList() : [];

    [GeneratedRegex(@"\$\{(?<name>[A-Za-z_][A-Za-z0-9_]*)(?::(?<operator>[-?])(?<rest>[^}]*))?\}")]
    private static partial Regex Variable();
}
