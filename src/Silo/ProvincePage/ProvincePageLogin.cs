using System.Security.Claims;
using DossierTracking.Silo.Hosting;

namespace DossierTracking.Silo.ProvincePage;

/// <summary>
/// The province page's login form: the dashboard's form and checks (<see cref="DashboardLogin"/>) under
/// <c>/province/login</c>, with a cookie of its own, <see cref="Cookie"/>, kept for path <c>/province</c> only, for the
/// tokens that may open the page (<see cref="ProvinceViewer"/>). In Vietnamese, like the page.
/// </summary>
public static class ProvincePageLogin
{
    public const string Prefix = "/province";
    public const string Cookie = "dvc_province";

    public static readonly LoginArea Area = new()
    {
        Prefix = Prefix,
        Cookie = Cookie,
        Home = Prefix,
        Admits = caller => ProvinceViewer.Of(new ClaimsPrincipal(caller)) is not null,
        Language = "vi",
        Title = "Đăng nhập: số liệu toàn tỉnh",
        TokenLabel = "Mã truy cập (token) của cán bộ vận hành, giám sát hoặc lãnh đạo cơ quan",
        SubmitLabel = "Mở trang số liệu",
        LogoutLabel = "Đăng xuất",
        ForeignFormMessage = "Biểu mẫu này phải được gửi từ chính trang của hệ thống.",
        MissingTokenMessage = "Hãy dán mã truy cập (JWT) vào ô trên.",
        InvalidTokenMessage = "Mã truy cập không hợp lệ tại đây: đã hết hạn, chưa đến hạn, sai chữ ký, cấp cho dịch vụ khác hoặc có hiệu lực quá dài.",
        RoleRefusedMessage = "Mã truy cập hợp lệ nhưng không được xem trang này: dành cho vận hành (operator), giám sát (supervisor) và lãnh đạo cơ quan (agency_leader, có mã đơn vị).",
    };
}
