using System.Globalization;
using DossierTracking.LoadTests.Workload;

namespace DossierTracking.LoadTests.Import;

/// <summary>
/// The officers of the old system, as its user names (<c>legacy:hoa.nt</c>): a small staff per unit and role, drawn
/// from a random stream of the unit's own (seed and a stable hash of unit and role), so a unit's staff does not
/// depend on the order dossiers reach it. The province service centre's desk has the most staff.
/// </summary>
public sealed class OfficerRoster(int seed)
{
    private readonly Dictionary<(string Unit, string Role), string[]> staff = new();

    public string DeskOfficer(string desk, Random random) => Pick(desk, "desk", desk == WorkloadModel.ProvinceServiceCentre ? 10 : desk.Count(c => c == '.') >= 2 ? 2 : 4, random);

    public string AgencyOfficer(string agency, Random random) => Pick(agency, "officer", 4, random);

    public string Leader(string agency) => Pick(agency, "leader", 1, null);

    private string Pick(string unit, string role, int size, Random? random)
    {
        if (!staff.TryGetValue((unit, role), out var people))
        {
            people = Hire(unit, role, size);
            staff[(unit, role)] = people;
        }

        return people[random?.Next(people.Length) ?? 0];
    }

    private string[] Hire(string unit, string role, int size)
    {
        var own = new Random(seed ^ StableHash(unit + "/" + role));
        var people = new string[size];
        for (var i = 0; i < size; i++)
        {
            var female = own.Next(2) == 1;
            var family = VietnameseNames.Family[own.Next(VietnameseNames.Family.Length)];
            var middles = female ? VietnameseNames.FemaleMiddle : VietnameseNames.MaleMiddle;
            var givens = female ? VietnameseNames.FemaleGiven : VietnameseNames.MaleGiven;
            var middle = middles[own.Next(middles.Length)];
            var given = givens[own.Next(givens.Length)];
            var name = $"{AsciiNames.Fold(given)}.{AsciiNames.Fold(family)[0]}{AsciiNames.Fold(middle)[0]}";
            // Two officers of one unit with the same initials get a number, as user accounts do.
            people[i] = Array.IndexOf(people, "legacy:" + name) >= 0
                ? string.Create(CultureInfo.InvariantCulture, $"legacy:{name}{i + 1}")
                : "legacy:" + name;
        }

        return people;
    }

    /// <summary>FNV-1a: string.GetHashCode differs between processes, and the file must not.</summary>
    private static int StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)hash;
    }
}
