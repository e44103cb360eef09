using DossierTracking.Contracts.Catalog;
using DossierTracking.Domain.Catalog;
using DossierTracking.Domain.Dossiers;
using static DossierTracking.UnitTests.TestData;

namespace DossierTracking.UnitTests.ReferenceData;

/// <summary>
/// Units with effective dates (the 2025 reform dissolved the district level after 30 June 2025): a unit past its last
/// day takes no new dossier or transfer; a dossier it took keeps its code.
/// </summary>
public sealed class EffectiveDatesTests
{
    private static readonly DateOnly LastDistrictDay = new(2025, 6, 30);

    /// <summary>The test catalogue with Hạ Long's desk dissolved after 30 June 2025 and the environment department from 1 July 2025.</summary>
    private static readonly ReferenceCatalog Reformed = new(new CatalogFile
    {
        Version = "test-2025.07",
        Agencies = [.. TestData.Catalog.Agencies.Select(a => a.Code switch
        {
            HaLong => a with { ValidTo = LastDistrictDay },
            EnvironmentDept => a with { ValidFrom = LastDistrictDay.AddDays(1) },
            _ => a,
        })],
        Procedures = [.. TestData.Catalog.Procedures],
    });

    private static readonly DossierDecider ReformedDecider = new(TestData.Calendar, Reformed);

    [Fact]
    public void A_unit_acts_from_its_first_day_to_its_last_day_inclusive()
    {
        var unit = new AgencyInfo { Code = "H49.193", Name = "x", Level = AgencyLevel.District, Kind = AgencyKind.District, ValidFrom = new(2020, 1, 1), ValidTo = LastDistrictDay };

        Assert.False(unit.IsValidOn(new(2019, 12, 31)));
        Assert.True(unit.IsValidOn(new(2020, 1, 1)));
        Assert.True(unit.IsValidOn(LastDistrictDay));
        Assert.False(unit.IsValidOn(new(2025, 7, 1)));
        Assert.True(unit.IsValidDuring(new(2025, 6, 1), new(2025, 7, 1)));
        Assert.True(unit.IsValidDuring(new(2025, 1, 1), new(2026, 1, 1)));
        Assert.False(unit.IsValidDuring(new(2025, 7, 1), new(2025, 8, 1)));
        Assert.True(new AgencyInfo { Code = "H49", Name = "x", Level = AgencyLevel.Province, Kind = AgencyKind.PeoplesCommittee }.IsValidOn(DateOnly.MaxValue));
    }

    [Fact]
    public void A_unit_that_ends_before_it_starts_is_refused()
    {
        var file = new CatalogFile
        {
            Version = "bad",
            Agencies = [.. TestData.Catalog.Agencies.Select(a => a.Code == HaLong ? a with { ValidFrom = new(2025, 7, 1), ValidTo = LastDistrictDay } : a)],
            Procedures = [.. TestData.Catalog.Procedures],
        };

        Assert.Contains($"agency {HaLong} ends (validTo 2025-06-30) before it starts (validFrom 2025-07-01)", ReferenceCatalog.Problems(file));
    }

    [Fact]
    public void A_desk_past_its_last_day_receives_no_new_dossier_and_one_it_received_keeps_its_code()
    {
        var onLastDay = ReformedDecider.Create(AtCounter(DistrictProcedure, HaLong), "H49.193-250630-0001", Local(2025, 6, 30, 16, 0), PinHash).Ok();
        var refused = ReformedDecider.Create(AtCounter(DistrictProcedure, HaLong), "H49.193-250701-0001", Local(2025, 7, 1, 8, 0), PinHash).Refused();

        Assert.Equal((HaLong, HaLong), (onLastDay.ReceivingDeskCode, onLastDay.HandlingAgencyCode));
        Assert.Equal(("receiving_desk_code", "UNIT_NOT_ACTING"), (refused.Field, refused.Reason));
        Assert.Contains("acted until 2025-06-30", refused.Message);
        // The same dossier goes on after the reform, under the codes it was created with.
        var forwarded = ReformedDecider.Forward(onLastDay, As(DeskOfficer(HaLong)), Local(2025, 7, 2, 8, 0)).Ok();
        Assert.Equal(HaLong, forwarded.CurrentAgencyCode);
    }

    [Fact]
    public void A_transfer_goes_only_to_a_unit_acting_that_day()
    {
        var dossier = ReformedDecider.Forward(
            ReformedDecider.Accept(ReformedDecider.Create(Online(BuildingPermit), "H49.50-250620-0001", Local(2025, 6, 20, 8, 0), PinHash).Ok(),
                As(DeskOfficer()), Local(2025, 6, 20, 9, 0)).Ok(),
            As(DeskOfficer()), Local(2025, 6, 20, 10, 0)).Ok();

        var early = ReformedDecider.Transfer(dossier, As(AgencyOfficer()), EnvironmentDept, null, Local(2025, 6, 30, 10, 0)).Refused();
        var onTime = ReformedDecider.Transfer(dossier, As(AgencyOfficer()), EnvironmentDept, null, Local(2025, 7, 1, 10, 0)).Ok();

        Assert.Equal(("coordinating_agency_code", "UNIT_NOT_ACTING"), (early.Field, early.Reason));
        Assert.Contains("acts from 2025-07-01", early.Message);
        Assert.Equal(EnvironmentDept, onTime.CurrentAgencyCode);
    }

    [Fact]
    public void A_procedure_whose_deciding_department_has_not_started_takes_no_new_dossier()
    {
        // LandCertificate is decided by the environment department, acting from 1 July 2025 in the reformed catalogue.
        var refused = ReformedDecider.Create(AtCounter(LandCertificate, Centre), "H49.50-250630-0001", Local(2025, 6, 30, 9, 0), PinHash).Refused();
        Assert.Equal(("procedure_code", "UNIT_NOT_ACTING"), (refused.Field, refused.Reason));

        var accepted = ReformedDecider.Create(AtCounter(LandCertificate, Centre), "H49.50-250701-0001", Local(2025, 7, 1, 9, 0), PinHash).Ok();
        Assert.Equal(EnvironmentDept, accepted.HandlingAgencyCode);
    }
}
