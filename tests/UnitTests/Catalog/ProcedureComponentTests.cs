using DossierTracking.Contracts.Catalog;
using DossierTracking.Domain.Catalog;

namespace DossierTracking.UnitTests.Catalog;

/// <summary>The papers a procedure asks for: the shipped lists, and a broken list stopping the catalogue at load.</summary>
public sealed class ProcedureComponentTests
{
    private static readonly ReferenceCatalog Catalog = ReferenceCatalog.LoadEmbedded();

    [Fact]
    public void The_common_procedures_list_their_papers_marked_illustrative_with_codes_a_supplement_can_name()
    {
        var listed = Catalog.Procedures.Where(p => p.Components.Count > 0).ToList();
        Assert.True(listed.Count >= 25, $"{listed.Count} procedures list their papers");
        Assert.All(listed, p => Assert.True(p.ComponentsIllustrative, $"{p.Code} does not say its list is illustrative"));
        Assert.All(listed, p => Assert.Contains(p.Components, c => c.Required));
        Assert.All(listed.SelectMany(p => p.Components), c => Assert.True(ComponentRules.IsWellFormed(c.Code), c.Code));
        Assert.All(listed.SelectMany(p => p.Components), c => Assert.True(c.Name.IsNormalized(System.Text.NormalizationForm.FormC), c.Code));

        // Household business registration, the busiest district procedure: the form, the owner's papers, the rest in some cases.
        var household = Catalog.FindProcedure("1.001612")!;
        Assert.Equal(["giay-de-nghi", "giay-to-chu-ho", "bien-ban-hop-thanh-vien", "van-ban-uy-quyen"], household.Components.Select(c => c.Code));
        Assert.Equal(PaperForm.Original, household.Components[0].Form);
        Assert.False(household.Components[3].Required);
        Assert.NotEmpty(household.Components[3].Note);
        // A house's building permit takes two sets of drawings.
        Assert.Equal(2, Catalog.FindProcedure("1.001807")!.Components.Single(c => c.Code == "ban-ve-thiet-ke").Count);
    }

    [Theory]
    [InlineData("giay-de-nghi", true)]
    [InlineData("a", true)]
    [InlineData("to-khai-2", true)]
    [InlineData("", false)]
    [InlineData("-dau", false)]
    [InlineData("cuoi-", false)]
    [InlineData("Giay", false)]
    [InlineData("giấy", false)]
    [InlineData("giay de nghi", false)]
    [InlineData("a234567890123456789012345678901234567890", true)]
    [InlineData("a2345678901234567890123456789012345678901", false)]
    public void A_paper_code_is_lower_case_ascii_with_inner_hyphens_up_to_40(string code, bool wellFormed) =>
        Assert.Equal(wellFormed, ComponentRules.IsWellFormed(code));

    [Fact]
    public void A_list_with_a_repeated_code_no_form_or_a_silly_count_stops_the_catalogue_naming_each_paper()
    {
        var procedure = new ProcedureInfo
        {
            Code = "1.000001",
            Name = "x",
            AgencyLevel = AgencyLevel.District,
            Limit = new TimeLimit { Value = 1, Unit = LimitUnit.WorkingDays },
            ServiceLevel = 3,
            Components =
            [
                new ProcedureComponent { Code = "don", Name = "Đơn", Form = PaperForm.Original },
                new ProcedureComponent { Code = "don", Name = "Đơn khác", Form = PaperForm.Scan },
                new ProcedureComponent { Code = "anh", Name = "Ảnh", Form = PaperForm.Unspecified },
                new ProcedureComponent { Code = "ban-ve", Name = "Bản vẽ", Form = PaperForm.Original, Count = 0 },
                new ProcedureComponent { Code = "Sai Ma", Name = " ", Form = PaperForm.Scan },
            ],
        };
        var error = Assert.Throws<InvalidDataException>(() => new ReferenceCatalog(new CatalogFile { Version = "bad", Procedures = [procedure] }));
        Assert.Contains("procedure 1.000001 paper don appears twice", error.Message);
        Assert.Contains("paper anh: the form", error.Message);
        Assert.Contains("paper ban-ve: the count", error.Message);
        Assert.Contains("paper Sai Ma: the code", error.Message);
        Assert.Contains("paper Sai Ma: the name", error.Message);
    }
}
