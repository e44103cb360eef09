using System.Reflection;
using DossierTracking.GrpcApi.Security;
using DossierTracking.Grains.Dossiers;
using DossierTracking.Silo.Configuration;
using Microsoft.Extensions.Configuration;
using Orleans.Configuration;

namespace DossierTracking.IntegrationTests.Deployment;

/// <summary>
/// Checks settings given as environment variables (<c>Section__Key</c>) against the options classes the silo binds
/// them to: a name no class has, or a value its property cannot take, is a problem. Every options class with a
/// <c>Section</c> constant counts, plus the Orleans options the silo binds itself.
/// </summary>
public static class SettingNames
{
    /// <summary>Sections of the framework that no options class of ours binds.</summary>
    private static readonly string[] FrameworkSections = ["Logging"];

    /// <summary>Section path (with colons) to the class bound to it.</summary>
    public static IReadOnlyDictionary<string, Type> Sections { get; } = Discover();

    /// <summary>Each setting the silo would not understand, with the reason.</summary>
    public static IReadOnlyList<string> Problems(IReadOnlyDictionary<string, string> environment)
    {
        var problems = new List<string>();
        var bySection = new Dictionary<string, Dictionary<string, string?>>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in environment)
        {
            var key = name.Replace("__", ":", StringComparison.Ordinal);
            if (!key.Contains(':', StringComparison.Ordinal))
            {
                problems.Add($"{name}: not a Section__Key setting");
                continue;
            }

            if (FrameworkSections.Any(s => key.StartsWith(s + ":", StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            var section = Sections.Keys.Where(s => key.StartsWith(s + ":", StringComparison.OrdinalIgnoreCase)).MaxBy(s => s.Length);
            if (section is null)
            {
                problems.Add($"{name}: no options class binds section '{key.Split(':')[0]}'");
                continue;
            }

            if (!bySection.TryGetValue(section, out var keys))
            {
                bySection[section] = keys = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            }

            keys[key] = value;
        }

        foreach (var (section, keys) in bySection)
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(keys).Build().GetSection(section);
            try
            {
                // Unknown names and values the property cannot take both throw.
                configuration.Get(Sections[section], binder => binder.ErrorOnUnknownConfiguration = true);
            }
            catch (InvalidOperationException e)
            {
                problems.Add($"{section}: {e.Message}");
            }
        }

        return problems;
    }

    private static Dictionary<string, Type> Discover()
    {
        var sections = new Dictionary<string, Type>(StringComparer.OrdinalIgnoreCase)
        {
            // Silo:Membership goes straight to Orleans' failure-detection options.
            [SiloHostOptions.Section + ":Membership"] = typeof(ClusterMembershipOptions),
        };
        foreach (var assembly in new[] { typeof(StorageOptions).Assembly, typeof(ApiSecurityOptions).Assembly, typeof(PostalOptions).Assembly, typeof(Contracts.Documents.DocumentOptions).Assembly })
        {
            foreach (var type in assembly.GetTypes())
            {
                if (type.GetField("Section", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true } field && field.GetRawConstantValue() is string name)
                {
                    sections[name] = type;
                }
            }
        }

        return sections;
    }
}
