using DossierTracking.Contracts.Catalog;
using DossierTracking.Domain.Catalog;

namespace DossierTracking.UnitTests.Catalog;

/// <summary>The reference data shipped with the service: Quảng Ninh's agencies, desks and procedures.</summary>
public sealed class ShippedCatalogTests
{
    private static readonly ReferenceCatalog Catalog = ReferenceCatalog.LoadEmbedded();

    [Fact]
    public void Has_at_least_200_procedures_spread_over_every_department()
    {
        Assert.True(Catalog.Procedures.Count >= 200, $"{Catalog.Procedures.Count} procedures");
        var departments = Catalog.Agencies.Where(a => a.Kind == AgencyKind.Department).ToList();
        Assert.Equal(20, departments.Count);
        Assert.All(departments, d => Assert.Contains(Catalog.Procedures, p => p.AgencyCode == d.Code));
        Assert.True(Catalog.Procedures.Count(p => p.AgencyLevel == AgencyLevel.District) >= 20);
        Assert.True(Catalog.Procedures.Count(p => p.AgencyLevel == AgencyLevel.Commune) >= 20);
    }

    [Fact]
    public void Has_the_13_district_level_units_with_their_GSO_codes()
    {
        var districts = Catalog.Agencies.Where(a => a.Kind == AgencyKind.District).Select(a => a.GsoCode).Order().ToList();
        Assert.Equal(["193", "194", "195", "196", "198", "199", "200", "201", "202", "203", "205", "206", "207"], districts);
        Assert.All(Catalog.Agencies.Where(a => a.Kind == AgencyKind.District), d => Assert.Equal("H49." + d.GsoCode, d.Code));
    }

    [Fact]
    public void Every_desk_receives_the_procedures_of_its_level()
    {
        foreach (var level in new[] { AgencyLevel.Province, AgencyLevel.District, AgencyLevel.Commune })
        {
            Assert.Contains(Catalog.Agencies, a => a.IsReceivingDesk && a.Level == level);
        }
    }

    [Fact]
    public void Service_levels_follow_Quang_Ninh_2020_shares()
    {
        // Reference: 1,552 of about 1,726 procedures (89.9%) at level 3 or 4, 621 (36%) at level 4.
        double total = Catalog.Procedures.Count;
        var level34 = Catalog.Procedures.Count(p => p.ServiceLevel >= 3) / total;
        var level4 = Catalog.Procedures.Count(p => p.ServiceLevel == 4) / total;
        Assert.InRange(level34, 0.85, 0.95);
        Assert.InRange(level4, 0.31, 0.41);
    }

    [Fact]
    public void Codes_are_national_style_and_names_are_NFC()
    {
        Assert.All(Catalog.Procedures, p => Assert.Matches(@"^[12]\.\d{6}$", p.Code));
        Assert.All(Catalog.Procedures, p => Assert.True(p.Name.IsNormalized(System.Text.NormalizationForm.FormC)));
        Assert.All(Catalog.Agencies, a => Assert.Matches(@"^H49(\.\d+){0,2}$", a.Code));
        Assert.All(Catalog.Procedures, p => Assert.True(p.Limit.Value >= 1));
    }

    [Fact]
    public void A_broken_file_is_refused_with_the_reasons()
    {
        var file = new CatalogFile
        {
            Version = "bad",
            Agencies = [new AgencyInfo { Code = "H49.01", Name = "x", Level = AgencyLevel.Province, Kind = AgencyKind.Department, ParentCode = "H48" }],
            Procedures = [new ProcedureInfo { Code = "1.000001", Name = "x", AgencyLevel = AgencyLevel.Province, AgencyCode = "H49.02", Limit = new TimeLimit { Value = 1, Unit = LimitUnit.WorkingDays }, ServiceLevel = 3 }],
        };
        var error = Assert.Throws<InvalidDataException>(() => new ReferenceCatalog(file));
        Assert.Contains("unknown parent H48", error.Message);
        Assert.Contains("1.000001", error.Message);
    }
}
