namespace DossierTracking.Contracts.Notifications;

/// <summary>
/// A phone number or e-mail address shown without the personal part: enough for an officer to tell which of the
/// applicant's contacts a message went to, not enough to reach the applicant.
/// </summary>
public static class ContactMask
{
    /// <summary>A phone keeps its last 3 digits (******567); an e-mail the first letter and the domain (n***@gmail.com).</summary>
    public static string Mask(string contact)
    {
        if (string.IsNullOrEmpty(contact))
        {
            return "";
        }

        var at = contact.LastIndexOf('@');
        if (at > 0)
        {
            return contact[0] + "***" + contact[at..];
        }

        var digits = contact.Where(char.IsAsciiDigit).ToArray();
        return digits.Length <= 3 ? "***" : new string('*', digits.Length - 3) + new string(digits[^3..]);
    }
}
