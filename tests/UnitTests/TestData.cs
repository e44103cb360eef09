using DossierTracking.Contracts.Catalog;
using DossierTracking.Contracts.Dossiers;
using DossierTracking.Domain.Calendar;
using DossierTracking.Domain.Catalog;
using DossierTracking.Domain.Dossiers;

namespace DossierTracking.UnitTests;

/// <summary>A small, fixed catalogue and helpers, so that rule tests do not depend on the shipped data.</summary>
internal static class TestData
{
    public const string Centre = "H49.50";
    public const string Construction = "H49.08";
    public const string EnvironmentDept = "H49.09";
    public const string HaLong = "H49.193";
    public const string HaKhanh = "H49.193.06649";

    /// <summary>Province level, 15 working days, restart rule, level 4, a prepaid fee.</summary>
    public const string BuildingPermit = "1.000001";
    /// <summary>Province level, 30 working days, pause rule, level 3.</summary>
    public const string LandCertificate = "1.000002";
    /// <summary>Province level, service level 2: not online.</summary>
    public const string PaperOnly = "1.000003";
    /// <summary>District level, 5 working days.</summary>
    public const string DistrictProcedure = "2.000004";
    /// <summary>Province level, 10 calendar days, 7 working days online.</summary>
    public const string CalendarDays = "1.000006";

    public static readonly WorkingCalendar Calendar = WorkingCalendar.Standard;

    public static readonly ReferenceCatalog Catalog = new(new CatalogFile
    {
        Schema = 1,
        Version = "test-1",
        Agencies =
        [
            new AgencyInfo { Code = "H49", Name = "UBND tỉnh", Level = AgencyLevel.Province, Kind = AgencyKind.PeoplesCommittee },
            new AgencyInfo { Code = Centre, Name = "Trung tâm PVHCC", Level = AgencyLevel.Province, Kind = AgencyKind.ServiceCentre, ParentCode = "H49", IsReceivingDesk = true },
            new AgencyInfo { Code = Construction, Name = "Sở Xây dựng", Level = AgencyLevel.Province, Kind = AgencyKind.Department, ParentCode = "H49" },
            new AgencyInfo { Code = EnvironmentDept, Name = "Sở Tài nguyên và Môi trường", Level = AgencyLevel.Province, Kind = AgencyKind.Department, ParentCode = "H49" },
            new AgencyInfo { Code = HaLong, Name = "Thành phố Hạ Long", Level = AgencyLevel.District, Kind = AgencyKind.District, ParentCode = "H49", IsReceivingDesk = true },
            new AgencyInfo { Code = HaKhanh, Name = "Phường Hà Khánh", Level = AgencyLevel.Commune, Kind = AgencyKind.Commune, ParentCode = HaLong, IsReceivingDesk = true },
        ],
        Procedures =
        [
            Procedure(BuildingPermit, AgencyLevel.Province, Construction, 15, LimitUnit.WorkingDays, 4, SupplementPolicy.Restart,
                fees: [new ProcedureFee { Name = "Lệ phí cấp phép", Amount = 75_000, Timing = FeeTiming.Prepaid }]),
            Procedure(LandCertificate, AgencyLevel.Province, EnvironmentDept, 30, LimitUnit.WorkingDays, 3, SupplementPolicy.Pause),
            Procedure(PaperOnly, AgencyLevel.Province, Construction, 10, LimitUnit.WorkingDays, 2, SupplementPolicy.Restart),
            Procedure(DistrictProcedure, AgencyLevel.District, null, 5, LimitUnit.WorkingDays, 3, SupplementPolicy.Restart),
            Procedure(CalendarDays, AgencyLevel.Province, Construction, 10, LimitUnit.CalendarDays, 4, SupplementPolicy.Restart,
                online: new TimeLimit { Value = 7, Unit = LimitUnit.WorkingDays }),
        ],
    });

    public static readonly DossierDecider Decider = new(Calendar, Catalog);

    /// <summary>A local (UTC+07:00) moment.</summary>
    public static DateTimeOffset Local(int year, int month, int day, int hour = 0, int minute = 0) =>
        new(year, month, day, hour, minute, 0, WorkingCalendar.LocalOffset);

    public static Actor Portal => new() { Party = Party.Portal, PersonId = "portal-dvc" };
    public static Actor DeskOfficer(string desk = Centre) => new() { Party = Party.DeskOfficer, PersonId = "desk-01", PersonName = "Trần Thị Bình", AgencyCode = desk };
    public static Actor AgencyOfficer(string agency = Construction) => new() { Party = Party.AgencyOfficer, PersonId = "cb-07", PersonName = "Lê Văn Cường", AgencyCode = agency };
    public static Actor AgencyLeader(string agency = Construction) => new() { Party = Party.AgencyLeader, PersonId = "ld-01", AgencyCode = agency };
    public static Actor Payment => new() { Party = Party.PaymentIntermediary, PersonId = "vnpay" };
    public static Actor Post => new() { Party = Party.PostalService, PersonId = "vnpost" };
    public static Actor SystemActor => new() { Party = Party.System, PersonId = "deadline-watch" };

    /// <summary>The lookup PIN of dossiers made by these tests, and its stored hash.</summary>
    public const string Pin = "24681357";
    public static readonly string PinHash = LookupPin.Hash(Pin);

    /// <summary>The carrier the tests hand results to (the <see cref="Post"/> actor).</summary>
    public const string Carrier = "vnpost";

    public static ActionContext As(Actor actor, long? expectedVersion = null) => new() { Actor = actor, ExpectedVersion = expectedVersion };

    public static NewDossier Online(string procedure = BuildingPermit, string desk = Centre, string requestId = "req-1") => new()
    {
        RequestId = requestId,
        ProcedureCode = procedure,
        ReceivingDeskCode = desk,
        Channel = Channel.Online,
        Applicant = new Applicant { Kind = ApplicantKind.Citizen, FullName = "Nguyễn Văn An", IdNumber = "022090001234", Phone = "0912345678" },
        Actor = Portal,
    };

    public static NewDossier AtCounter(string procedure = BuildingPermit, string desk = Centre) => Online(procedure, desk) with
    {
        Channel = Channel.Counter,
        Actor = DeskOfficer(desk),
    };

    public static DossierRecord Ok(this Decision decision)
    {
        Assert.Null(decision.Failure);
        return decision.Next!;
    }

    public static Failure Refused(this Decision decision)
    {
        Assert.Null(decision.Next);
        return decision.Failure!;
    }

    private static ProcedureInfo Procedure(string code, AgencyLevel level, string? agency, int days, LimitUnit unit, int serviceLevel,
        SupplementPolicy policy, ProcedureFee[]? fees = null, TimeLimit? online = null) => new()
    {
        Code = code,
        Name = "Thủ tục " + code,
        AgencyLevel = level,
        AgencyCode = agency,
        Limit = new TimeLimit { Value = days, Unit = unit },
        OnlineLimit = online,
        ServiceLevel = serviceLevel,
        SupplementPolicy = policy,
        Fees = fees ?? [],
        Components =
        [
            new ProcedureComponent { Code = Paper, Name = "Đơn đề nghị", Form = PaperForm.Original },
            new ProcedureComponent { Code = LongestPaper, Name = "Bản vẽ thiết kế", Form = PaperForm.Scan },
        ],
    };

    /// <summary>The one paper every test procedure lists.</summary>
    public const string Paper = "don-de-nghi";

    /// <summary>A second paper, whose code is as long as a code may be (40 characters), for the size of a full dossier.</summary>
    public const string LongestPaper = "ban-ve-thiet-ke-mat-bang-mat-dung-mat-ca";
}
