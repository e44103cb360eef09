using System.Globalization;
using System.Text;

namespace DossierTracking.LoadTests.Import;

/// <summary>Vietnamese text without its diacritics, lower case (Nguyễn Thị Hoa → nguyen thi hoa), for the user names and e-mail addresses of the old system.</summary>
public static class AsciiNames
{
    public static string Fold(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            builder.Append(c switch
            {
                'đ' or 'Đ' => 'd',
                _ => char.ToLowerInvariant(c),
            });
        }

        return builder.ToString();
    }
}
