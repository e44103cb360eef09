using DossierTracking.GrpcApi.V1;
using DossierTracking.LoadTests.Workload;

namespace DossierTracking.LoadTests.Import;

/// <summary>
/// How busy each receiving desk is within its level, for the import file: roughly the locality's population, times
/// 1.6 for the four cities (Hạ Long, Cẩm Phả, Uông Bí, Móng Cái: more people online) and 1.2 for the two towns
/// (Đông Triều, Quảng Yên). A ward or commune weighs 1 in a city, 0.35 elsewhere, times ±40 % of its own. Populations
/// are rounded figures of the 2019 census, in thousands. A desk not listed (another province's catalogue) weighs as a
/// middling district.
/// </summary>
public static class DeskWeights
{
    private static readonly Dictionary<string, double> Districts = new(StringComparer.Ordinal)
    {
        ["H49.193"] = 300 * 1.6, // Hạ Long
        ["H49.195"] = 190 * 1.6, // Cẩm Phả
        ["H49.196"] = 120 * 1.6, // Uông Bí
        ["H49.194"] = 100 * 1.6, // Móng Cái
        ["H49.205"] = 170 * 1.2, // Đông Triều
        ["H49.206"] = 140 * 1.2, // Quảng Yên
        ["H49.201"] = 60,        // Hải Hà
        ["H49.203"] = 50,        // Vân Đồn
        ["H49.199"] = 50,        // Tiên Yên
        ["H49.200"] = 40,        // Đầm Hà
        ["H49.198"] = 30,        // Bình Liêu
        ["H49.202"] = 20,        // Ba Chẽ
        ["H49.207"] = 6,         // Cô Tô
    };

    private static readonly HashSet<string> Cities = new(StringComparer.Ordinal) { "H49.193", "H49.194", "H49.195", "H49.196" };

    /// <summary>A sampler over <paramref name="desks"/> (codes, in the order the level lists them).</summary>
    public static WeightedSampler For(IReadOnlyList<string> desks, IReadOnlyDictionary<string, Agency> agencies) =>
        new(desks.Select(code => Weight(code, agencies)).ToArray());

    private static double Weight(string code, IReadOnlyDictionary<string, Agency> agencies)
    {
        if (!agencies.TryGetValue(code, out var desk) || desk.Level != AgencyLevel.Commune)
        {
            return Districts.GetValueOrDefault(code, 60);
        }

        var own = 0.6 + 0.8 * (Fnv(code) % 1000) / 1000.0;
        return (Cities.Contains(desk.ParentCode) ? 1.0 : 0.35) * own;
    }

    private static uint Fnv(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }
}
