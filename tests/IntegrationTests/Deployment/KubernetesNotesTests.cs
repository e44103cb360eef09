using DossierTracking.Silo.Configuration;
using YamlDotNet.RepresentationModel;

namespace DossierTracking.IntegrationTests.Deployment;

/// <summary>
/// The deployment in docs/kubernetes.md cannot be applied here (no cluster), so what can be checked is: it parses,
/// every silo setting it gives is one the silo knows, and its probes and grace period fit the silo.
/// </summary>
public sealed class KubernetesNotesTests
{
    private readonly YamlMappingNode _container;
    private readonly YamlMappingNode _pod;

    public KubernetesNotesTests()
    {
        var text = File.ReadAllText(Path.Combine(ComposeFile.DeployFolder(), "..", "docs", "kubernetes.md"));
        var start = text.IndexOf("```yaml\n", StringComparison.Ordinal) + "```yaml\n".Length;
        var block = text[start..text.IndexOf("\n```", start, StringComparison.Ordinal)];
        var stream = new YamlStream();
        stream.Load(new StringReader(block));
        var deployment = (YamlMappingNode)stream.Documents.Single().RootNode;
        _pod = (YamlMappingNode)((YamlMappingNode)((YamlMappingNode)deployment["spec"])["template"])["spec"];
        _container = (YamlMappingNode)((YamlSequenceNode)_pod["containers"]).Children.Single();
    }

    [Fact]
    public void Every_setting_of_the_deployment_is_one_the_silo_binds_with_a_value_it_takes()
    {
        var environment = ((YamlSequenceNode)_container["env"]).Children.Cast<YamlMappingNode>().ToDictionary(
            e => e["name"].ToString(),
            // A value from a secret or the downward API: a stand-in of the kind it will be.
            e => e.Children.TryGetValue("value", out var value) ? value.ToString() : "10.244.1.23");
        Assert.Contains("Silo__AdvertisedAddress", environment.Keys);
        var problems = SettingNames.Problems(environment);
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void The_probes_ask_ready_and_live_on_the_HTTP_port_and_the_grace_period_covers_the_drain()
    {
        var ports = ((YamlSequenceNode)_container["ports"]).Children.Cast<YamlMappingNode>()
            .ToDictionary(p => p["name"].ToString(), p => int.Parse(p["containerPort"].ToString(), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(NetworkOptions.DefaultHttpPort, ports["http"]);
        Assert.Equal(NetworkOptions.DefaultGrpcPort, ports["grpc"]);
        string PathOf(string probe) => ((YamlMappingNode)((YamlMappingNode)_container[probe])["httpGet"])["path"].ToString();
        Assert.Equal("/health/ready", PathOf("readinessProbe"));
        Assert.Equal("/health/ready", PathOf("startupProbe"));
        Assert.Equal("/health/live", PathOf("livenessProbe"));
        var grace = TimeSpan.FromSeconds(int.Parse(_pod["terminationGracePeriodSeconds"].ToString(), System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(grace >= HealthOptions.DefaultDrainDelay + TimeSpan.FromSeconds(15), $"grace period {grace}");
    }
}
