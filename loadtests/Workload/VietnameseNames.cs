namespace DossierTracking.LoadTests.Workload;

/// <summary>
/// Small lists of common Vietnamese family, middle and given names, so applicants look like the real ones (composed
/// Unicode, diacritics and all) and the stored rows have realistic sizes.
/// </summary>
public static class VietnameseNames
{
    public static readonly string[] Family =
    [
        "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Phan", "Đặng", "Bùi", "Đỗ", "Ngô", "Dương", "Lý", "Đào", "Đinh", "Hà",
    ];

    public static readonly string[] MaleMiddle = ["Văn", "Đức", "Minh", "Quang", "Hữu", "Xuân", "Công", "Mạnh"];

    public static readonly string[] FemaleMiddle = ["Thị", "Thu", "Ngọc", "Thanh", "Phương", "Minh", "Hồng", "Bích"];

    public static readonly string[] MaleGiven =
    [
        "An", "Bình", "Cường", "Dũng", "Hải", "Hùng", "Huy", "Khánh", "Long", "Nam", "Phong", "Quân", "Sơn", "Thắng", "Tuấn", "Việt",
    ];

    public static readonly string[] FemaleGiven =
    [
        "Anh", "Châu", "Giang", "Hà", "Hằng", "Hoa", "Hương", "Lan", "Linh", "Mai", "Nga", "Oanh", "Phượng", "Thảo", "Trang", "Yến",
    ];
}
