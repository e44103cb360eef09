using DossierTracking.Contracts.Catalog;
using DossierTracking.Contracts.Dossiers;
using DossierTracking.Contracts.ReferenceData;
using DossierTracking.Domain.Calendar;
using DossierTracking.Domain.Catalog;
using DossierTracking.Domain.Dossiers;
using DossierTracking.Domain.ReferenceData;
using static DossierTracking.UnitTests.TestData;

namespace DossierTracking.UnitTests.Provinces;

/// <summary>
/// Two provinces under one set of rules: each dossier is decided with its own province's catalogue, and nothing of one
/// province can be reached from a dossier of the other.
/// </summary>
public sealed class ProvinceTenancyTests
{
    private const string Procedure = "1.001706";

    private static readonly string SecondFile = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "samples", "h99-catalog.json"));

    private static readonly ReferenceCatalog QuangNinh = ReferenceCatalog.LoadEmbedded();

    private static readonly ReferenceCatalog Second = ReferenceDataRules.Check(ReferenceDataKind.Catalog, SecondFile, "H99").Catalog!;

    private static readonly DossierDecider Both = new(WorkingCalendar.Standard, new ProvinceCatalogs(["H49", "H99"], [QuangNinh, Second]));

    private static readonly DateTimeOffset Monday = Local(2026, 11, 2, 9);

    [Fact]
    public void A_unit_or_receipt_code_names_its_province()
    {
        Assert.Equal("H49", ProvinceCodes.Of("H49.22-201021-0001"));
        Assert.Equal("H49", ProvinceCodes.Of("H49.22"));
        Assert.Equal("H49", ProvinceCodes.Of("H49"));
        Assert.Equal("H99", ProvinceCodes.Of("H99.50-261102-0001"));
        Assert.True(ProvinceCodes.IsIn("H49.22.07", "H49"));
        Assert.False(ProvinceCodes.IsIn("H491.22", "H49"));
        Assert.False(ProvinceCodes.IsIn("H49.22", ""));
    }

    [Fact]
    public void Each_province_decides_the_same_procedure_code_with_its_own_limit()
    {
        Assert.Equal(30, QuangNinh.FindProcedure(Procedure)!.Limit.Value);
        Assert.Equal(15, Second.FindProcedure(Procedure)!.Limit.Value);

        var atQuangNinh = Both.Create(Counter("H49.50"), "H49.50-261102-0001", Monday, PinHash).Ok();
        var atSecond = Both.Create(Counter("H99.50"), "H99.50-261102-0001", Monday, PinHash).Ok();

        Assert.Equal(WorkingCalendar.Standard.AddWorkingDays(Monday, 30), atQuangNinh.DueAt);
        Assert.Equal(WorkingCalendar.Standard.AddWorkingDays(Monday, 15), atSecond.DueAt);
        Assert.Equal("H49.01", atQuangNinh.HandlingAgencyCode);
        Assert.Equal("H99.01", atSecond.HandlingAgencyCode);
    }

    [Fact]
    public void A_desk_of_a_province_not_served_is_unknown()
    {
        var refused = Both.Create(Counter("H22.50"), "H22.50-261102-0001", Monday, PinHash).Refused();
        Assert.Equal((FailureKind.NotFound, "DESK_NOT_FOUND"), (refused.Kind, refused.Reason));
    }

    [Fact]
    public void A_dossier_cannot_be_transferred_to_another_provinces_agency()
    {
        var desk = DeskOfficer("H99.50");
        var received = Both.Create(Counter("H99.50"), "H99.50-261102-0001", Monday, PinHash).Ok();
        var processing = Both.Forward(received, As(desk), Monday.AddHours(2)).Ok();
        Assert.Equal(DossierState.InProcessing, processing.State);

        var officer = As(AgencyOfficer("H99.01"));
        var foreign = Both.Transfer(processing, officer, "H49.02", null, Monday.AddHours(3)).Refused();
        var unknown = Both.Transfer(processing, officer, "H99.77", null, Monday.AddHours(3)).Refused();
        Assert.Equal((FailureKind.NotFound, "AGENCY_NOT_FOUND"), (foreign.Kind, foreign.Reason));
        Assert.Equal((unknown.Kind, unknown.Reason, unknown.Field), (foreign.Kind, foreign.Reason, foreign.Field));

        // Within the province the same move is allowed.
        Assert.Equal("H99.02", Both.Transfer(processing, officer, "H99.02", null, Monday.AddHours(3)).Ok().CurrentAgencyCode);
    }

    [Fact]
    public void A_catalogue_is_one_provinces_and_is_published_for_that_province_only()
    {
        var mixed = CatalogFile.Parse(SecondFile);
        mixed.Agencies.Add(QuangNinh.FindAgency("H49.50")!);
        Assert.Contains(ReferenceCatalog.Problems(mixed), p => p.Contains("more than one province", StringComparison.Ordinal));

        var forOther = ReferenceDataRules.Check(ReferenceDataKind.Catalog, SecondFile, "H49");
        Assert.False(forOther.IsValid);
        Assert.Contains("of province H99", Assert.Single(forOther.Problems), StringComparison.Ordinal);

        var calendar = ReferenceDataRules.Check(ReferenceDataKind.Calendar, HolidayCalendarData.EmbeddedText(), "H49");
        Assert.Contains("national", Assert.Single(calendar.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void A_served_province_takes_only_its_own_catalogue()
    {
        var provinces = new ProvinceCatalogs(["H49", "H99"], [QuangNinh]);
        Assert.NotNull(provinces.Catalog("H49"));
        Assert.Null(provinces.Catalog("H99"));
        IProvinces served = provinces;
        Assert.Null(served.FindProcedure("H99.50", Procedure));

        Assert.True(provinces.Replace(Second));
        Assert.Equal(15, served.FindProcedure("H99.50", Procedure)!.Limit.Value);
        Assert.Equal(30, served.FindProcedure("H49.50", Procedure)!.Limit.Value);

        var notServed = new ProvinceCatalogs(QuangNinh);
        Assert.False(notServed.Replace(Second));
        Assert.Null(((IProvinces)notServed).FindAgency("H99.50"));
        Assert.Throws<ArgumentException>(() => new CatalogInForce(QuangNinh).Replace(Second));
    }

    private static NewDossier Counter(string desk) => AtCounter(Procedure, desk);

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DossierTracking.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (DossierTracking.slnx) was not found above " + AppContext.BaseDirectory);
    }
}
