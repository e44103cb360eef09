using DossierTracking.GrpcApi.V1;
using Google.Protobuf.WellKnownTypes;

namespace DossierTracking.IntegrationTests.Infrastructure;

/// <summary>Realistic requests and actors for the shipped Quảng Ninh catalogue.</summary>
public static class Requests
{
    public const string Centre = "H49.50";
    public const string Construction = "H49.08";
    public const string EnvironmentDept = "H49.09";
    public const string HaLong = "H49.193";

    /// <summary>Điều chỉnh giấy phép xây dựng: Sở Xây dựng, 20 working days, level 4, restart rule.</summary>
    public const string PermitAdjustment = "1.003205";
    /// <summary>Đăng ký biến động quyền sử dụng đất: Sở TN&amp;MT, 10 working days, pause rule.</summary>
    public const string LandChange = "1.000399";
    /// <summary>Đăng ký thành lập hộ kinh doanh: district level.</summary>
    public const string HouseholdBusiness = "1.001612";

    public static readonly TimeSpan Vietnam = TimeSpan.FromHours(7);

    public static DateTimeOffset Local(int year, int month, int day, int hour = 0, int minute = 0) => new(year, month, day, hour, minute, 0, Vietnam);

    public static Actor Portal => new() { Party = Party.Portal, PersonId = "dvc-portal" };

    public static Actor Desk(string desk = Centre) => new() { Party = Party.DeskOfficer, PersonId = "mc-01", PersonName = "Trần Thị Bình", AgencyCode = desk };

    public static Actor Officer(string agency = Construction) => new() { Party = Party.AgencyOfficer, PersonId = "cv-07", PersonName = "Lê Văn Cường", AgencyCode = agency };

    public static Applicant Citizen(string idNumber = "022090001234") => new()
    {
        Kind = ApplicantKind.Citizen,
        FullName = "Nguyễn Văn An",
        IdNumber = idNumber,
        Phone = "0912 345 678",
        Email = "an.nguyen@example.vn",
        Address = "Số 5 phố Lê Thánh Tông, phường Hồng Gai, TP Hạ Long",
    };

    public static SubmitDossierRequest Submit(string? requestId = null, string procedure = PermitAdjustment, string desk = Centre) => new()
    {
        RequestId = requestId ?? "req-" + Guid.NewGuid().ToString("N"),
        ProcedureCode = procedure,
        ReceivingDeskCode = desk,
        Applicant = Citizen(),
        Actor = Portal,
    };

    public static Timestamp At(DateTimeOffset moment) => Timestamp.FromDateTimeOffset(moment);
}
