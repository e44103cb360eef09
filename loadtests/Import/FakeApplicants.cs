using System.Globalization;
using System.Text.Json;
using DossierTracking.GrpcApi.V1;
using DossierTracking.LoadTests.Workload;

namespace DossierTracking.LoadTests.Import;

/// <summary>
/// Plausible applicants, all made up: mostly citizens of the province (a 12-digit CCCD with Quảng Ninh's prefix 022),
/// some enterprises (a 10-digit tax code with the province's prefix 57) and household businesses; a mobile number of
/// the Vietnamese prefixes for most, an e-mail address for some, a home address in a commune of the desk's area for
/// half of them.
/// </summary>
public sealed class FakeApplicants
{
    private static readonly string[] MobilePrefixes =
    [
        "090", "091", "093", "094", "096", "097", "098", "086", "088", "089",
        "032", "033", "034", "035", "036", "037", "038", "039", "070", "076", "077", "078", "079", "081", "082", "083", "084", "085",
    ];

    private static readonly string[] Trades = ["Thương mại", "Xây dựng", "Dịch vụ", "Vận tải", "Du lịch", "Thủy sản", "Đầu tư", "Khoáng sản"];

    private static readonly string[] BrandNames = ["Hạ Long", "Bình Minh", "Hải Đăng", "Phú Thịnh", "Minh Long", "An Phát", "Vân Đồn", "Thành Đạt", "Hưng Thịnh", "Đông Bắc"];

    private readonly IReadOnlyList<Agency> communes;
    private readonly Dictionary<string, Agency> byCode;
    private readonly Dictionary<string, Agency[]> communesOf;

    public FakeApplicants(CatalogueSnapshot catalogue)
    {
        byCode = catalogue.Agencies.ToDictionary(a => a.Code, StringComparer.Ordinal);
        communes = catalogue.Agencies.Where(a => a.Level == AgencyLevel.Commune).ToList();
        communesOf = communes.GroupBy(a => a.ParentCode, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
    }

    /// <summary>Writes the line's <c>applicant</c> object.</summary>
    public void Write(Utf8JsonWriter json, string desk, Random random)
    {
        var female = random.Next(2) == 1;
        var family = VietnameseNames.Family[random.Next(VietnameseNames.Family.Length)];
        var middles = female ? VietnameseNames.FemaleMiddle : VietnameseNames.MaleMiddle;
        var givens = female ? VietnameseNames.FemaleGiven : VietnameseNames.MaleGiven;
        var middle = middles[random.Next(middles.Length)];
        var given = givens[random.Next(givens.Length)];
        var person = $"{family} {middle} {given}";
        var kind = random.NextDouble();

        json.WriteStartObject("applicant");
        if (kind < 0.06)
        {
            var company = random.Next(3) == 0 ? "Công ty Cổ phần" : "Công ty TNHH";
            json.WriteString("kind", "ENTERPRISE");
            json.WriteString("full_name", $"{company} {Trades[random.Next(Trades.Length)]} {BrandNames[random.Next(BrandNames.Length)]}");
            json.WriteString("id_number", string.Create(CultureInfo.InvariantCulture, $"57{random.Next(100_000_000):D8}"));
        }
        else
        {
            json.WriteString("kind", kind < 0.08 ? "HOUSEHOLD_BUSINESS" : "CITIZEN");
            json.WriteString("full_name", kind < 0.08 ? "Hộ kinh doanh " + person : person);
            json.WriteString("id_number", CitizenId(female, random));
        }

        if (random.NextDouble() < 0.93)
        {
            var prefix = MobilePrefixes[random.Next(MobilePrefixes.Length)];
            json.WriteString("phone", string.Create(CultureInfo.InvariantCulture, $"{prefix}{random.Next(10_000_000):D7}"));
        }

        if (random.NextDouble() < 0.12)
        {
            json.WriteString("email", string.Create(CultureInfo.InvariantCulture,
                $"{AsciiNames.Fold(given)}{AsciiNames.Fold(family)}{random.Next(100):D2}@gmail.com"));
        }

        if (random.NextDouble() < 0.5 && Commune(desk, random) is { } commune)
        {
            var district = byCode.GetValueOrDefault(commune.ParentCode)?.Name;
            json.WriteString("address", string.Create(CultureInfo.InvariantCulture,
                $"Tổ {random.Next(1, 40)}, khu {random.Next(1, 12)}, {commune.Name}{(district is null ? "" : ", " + district)}, tỉnh Quảng Ninh"));
        }

        json.WriteEndObject();
    }

    /// <summary>A 12-digit CCCD of an adult born 1950-1998: province 022, the sex-and-century digit, the birth year's last two digits, a 6-digit serial.</summary>
    private static string CitizenId(bool female, Random random)
    {
        var birthYear = random.Next(1950, 1999);
        var sexAndCentury = (birthYear >= 2000 ? 2 : 0) + (female ? 1 : 0);
        return string.Create(CultureInfo.InvariantCulture, $"022{sexAndCentury}{birthYear % 100:D2}{random.Next(1_000_000):D6}");
    }

    /// <summary>A commune of the desk's area: the desk itself at commune level, one of the district's, else any.</summary>
    private Agency? Commune(string desk, Random random)
    {
        if (byCode.TryGetValue(desk, out var agency) && agency.Level == AgencyLevel.Commune)
        {
            return agency;
        }

        var pool = communesOf.GetValueOrDefault(desk) ?? (IReadOnlyList<Agency>)communes;
        return pool.Count == 0 ? null : pool[random.Next(pool.Count)];
    }
}
