using System.Text;
using System.Text.RegularExpressions;
using DossierTracking.Contracts.Dossiers;
using DossierTracking.GrpcApi.Errors;
using Google.Protobuf.WellKnownTypes;
using V1 = DossierTracking.GrpcApi.V1;

namespace DossierTracking.GrpcApi.Validation;

/// <summary>
/// Checks the wire format of request fields before anything is called: presence, pattern, defined enum values, and a
/// bound on the size of text and lists (so nothing huge crosses into the cluster). Text is trimmed and normalised to
/// Unicode NFC (Vietnamese arrives both composed and decomposed), control characters are refused. Every refusal is
/// INVALID_ARGUMENT naming the field as it is spelled in the .proto. The rules of the domain (a reason is required,
/// a note holds 500 characters, 20 missing papers at most, ...) are the domain's to check and to name.
/// </summary>
public static partial class Input
{
    /// <summary>An applicant's full name (the API's own rule: the domain keeps names as given).</summary>
    public const int MaxNameLength = 200;
    /// <summary>The most characters any free-text field may carry over the wire; the domain's limits are lower.</summary>
    public const int MaxWireText = 4000;
    /// <summary>The most entries any list field may carry over the wire; the domain's limits are lower.</summary>
    public const int MaxWireList = 100;
    public const int MaxAddressLength = 500;

    [GeneratedRegex(@"^[A-Za-z0-9._:\-]{1,64}\z", RegexOptions.CultureInvariant)]
    private static partial Regex RequestIdPattern();

    [GeneratedRegex(@"^[0-9A-Za-z][0-9A-Za-z.\-]{0,31}\z", RegexOptions.CultureInvariant)]
    private static partial Regex ProcedureCodePattern();

    [GeneratedRegex(@"^[0-9A-Za-z\-]{6,20}\z", RegexOptions.CultureInvariant)]
    private static partial Regex IdNumberPattern();

    [GeneratedRegex(@"^(\d{9}|\d{12})\z", RegexOptions.CultureInvariant)]
    private static partial Regex CitizenIdPattern();

    [GeneratedRegex(@"^\+?[0-9][0-9 .\-]{6,19}\z", RegexOptions.CultureInvariant)]
    private static partial Regex PhonePattern();

    [GeneratedRegex(@"^[^@\s]{1,64}@[^@\s]{1,189}\.[^@\s]{1,63}\z", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"^[\p{L}\p{N}._:@\-]{1,64}\z", RegexOptions.CultureInvariant)]
    private static partial Regex PersonIdPattern();

    [GeneratedRegex(@"^[A-Za-z0-9._:/\-]{1,100}\z", RegexOptions.CultureInvariant)]
    private static partial Regex ExternalIdPattern();

    /// <summary>A partner's own id of a transaction or event: 1-100 characters of A-Z a-z 0-9 . _ : / -.</summary>
    public static string ExternalId(string value, string field) =>
        ExternalIdPattern().IsMatch(value)
            ? value
            : throw ApiErrors.Invalid(field, "INVALID_ID", $"{field} must be 1-100 characters of A-Z a-z 0-9 . _ : / -");

    public static string RequestId(string value) =>
        RequestIdPattern().IsMatch(value)
            ? value
            : throw ApiErrors.Invalid("request_id", "INVALID_REQUEST_ID", "request_id must be 1-64 characters of A-Z a-z 0-9 . _ : -");

    public static string ReceiptCodeOf(string value, string field = "receipt_code") =>
        Contracts.Dossiers.ReceiptCode.IsValid(value)
            ? value
            : throw ApiErrors.Invalid(field, "INVALID_RECEIPT_CODE", $"{field} must look like H49.22-201021-0001 (unit-yyMMdd-sequence).");

    public static string ProcedureCode(string value, string field = "procedure_code") =>
        ProcedureCodePattern().IsMatch(value)
            ? value
            : throw ApiErrors.Invalid(field, "INVALID_PROCEDURE_CODE", $"{field} must be a procedure code such as 1.001612.");

    public static string UnitCode(string value, string field) =>
        value.Length <= 64 && Contracts.Dossiers.ReceiptCode.UnitCodePattern().IsMatch(value)
            ? value
            : throw ApiErrors.Invalid(field, "INVALID_AGENCY_CODE", $"{field} must be an agency code such as H49.50 or H49.193.");

    /// <summary>Free text, NFC, up to <paramref name="max"/> characters (by default the wire's bound: the domain judges the content).</summary>
    public static string Text(string value, string field, int max = MaxWireText, bool required = false)
    {
        var text = Normalize(value, field);
        if (required && text.Length == 0)
        {
            throw ApiErrors.Invalid(field, "REQUIRED", $"{field} is required.");
        }

        if (text.Length > max)
        {
            throw ApiErrors.Invalid(field, "TOO_LONG", $"{field} is limited to {max} characters.");
        }

        return text;
    }

    /// <summary>A list field, at most <see cref="MaxWireList"/> entries.</summary>
    public static IReadOnlyList<T> List<T>(IReadOnlyList<T> values, string field) =>
        values.Count <= MaxWireList
            ? values
            : throw ApiErrors.Invalid(field, "TOO_MANY", $"{field} carries at most {MaxWireList} entries.");

    /// <summary>An enum field's value is one the .proto defines (the zero value included: whether one is required is the domain's rule).</summary>
    public static T Defined<T>(T value, string field) where T : struct, System.Enum =>
        System.Enum.IsDefined(value)
            ? value
            : throw ApiErrors.Invalid(field, "OUT_OF_RANGE", $"{field} is not one of the values the .proto defines.");

    public static long? ExpectedVersion(bool has, long value) =>
        !has ? null
        : value >= 1 ? value
        : throw ApiErrors.Invalid("expected_version", "INVALID_VERSION", "expected_version starts at 1.");

    public static DateTimeOffset Time(Timestamp? value, string field)
    {
        if (value is null)
        {
            throw ApiErrors.Invalid(field, "REQUIRED", $"{field} is required.");
        }

        if (value.Seconds < Timestamp.FromDateTimeOffset(new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero)).Seconds
            || value.Seconds > Timestamp.FromDateTimeOffset(new DateTimeOffset(2100, 1, 1, 0, 0, 0, TimeSpan.Zero)).Seconds
            || value.Nanos is < 0 or > 999_999_999)
        {
            throw ApiErrors.Invalid(field, "OUT_OF_RANGE", $"{field} must be a time between 2000 and 2100.");
        }

        return value.ToDateTimeOffset();
    }

    /// <summary>A province code: one group of upper-case letters and digits (H49).</summary>
    public static string ProvinceCode(string value, string field) =>
        Contracts.Catalog.ProvinceCodes.IsProvinceCode(value)
            ? value
            : throw ApiErrors.Invalid(field, "INVALID_PROVINCE_CODE", $"{field} must be a province code such as H49.");

    /// <summary>The actor of a change: the authenticated caller, whose claims are checked like any input.</summary>
    public static Actor ActorOf(Security.Caller caller)
    {
        if (!PersonIdPattern().IsMatch(caller.PersonId))
        {
            throw ApiErrors.PermissionDenied("INVALID_SUBJECT", "The token's subject (claim 'sub') must be 1-64 letters, digits or . _ : @ -");
        }

        if (caller.IsOfficer && !(caller.AgencyCode.Length <= 64 && Contracts.Dossiers.ReceiptCode.UnitCodePattern().IsMatch(caller.AgencyCode)))
        {
            throw ApiErrors.PermissionDenied("INVALID_AGENCY_CLAIM", "The token's agency (claim 'agency') must be an agency code such as H49.50.");
        }

        var actor = caller.ToActor();
        return actor with { PersonName = caller.Name.Length <= MaxNameLength ? caller.Name : caller.Name[..MaxNameLength] };
    }

    /// <summary>A partner's code (an intermediary or carrier), as the subject of its token: 1-64 letters, digits or . _ : @ -.</summary>
    public static string PartnerCode(string value, string field) =>
        PersonIdPattern().IsMatch(value)
            ? value
            : throw ApiErrors.Invalid(field, "INVALID_PARTNER_CODE", $"{field} must be a partner code: 1-64 letters, digits or . _ : @ -");

    /// <summary>Who reads: the authenticated caller, or nobody in particular (a citizen without a token).</summary>
    public static Actor ReaderOf(Security.Caller caller) => caller.IsAnonymous ? Actor.Anonymous : ActorOf(caller);

    /// <summary>The applicant's second factor from a request's fields, or null when neither was given.</summary>
    public static ApplicantProof? Proof(string lookupPin, string applicantIdNumber)
    {
        var pin = lookupPin.Trim();
        if (pin.Length > 0 && !(pin.Length == 8 && pin.All(char.IsAsciiDigit)))
        {
            throw ApiErrors.Invalid("lookup_pin", "INVALID_LOOKUP_PIN", "lookup_pin is the 8-digit PIN printed on the receipt.");
        }

        return ApplicantProof.Of(pin, Text(applicantIdNumber, "applicant_id_number", 20));
    }

    public static Applicant Applicant(V1.Applicant? applicant)
    {
        if (applicant is null)
        {
            throw ApiErrors.Invalid("applicant", "REQUIRED", "applicant is required.");
        }

        if (applicant.Kind == V1.ApplicantKind.Unspecified || !System.Enum.IsDefined(applicant.Kind))
        {
            throw ApiErrors.Invalid("applicant.kind", "REQUIRED", "applicant.kind is required.");
        }

        var kind = (ApplicantKind)(int)applicant.Kind;
        var idNumber = Normalize(applicant.IdNumber, "applicant.id_number");
        if (kind == ApplicantKind.Citizen ? !CitizenIdPattern().IsMatch(idNumber) : !IdNumberPattern().IsMatch(idNumber))
        {
            throw ApiErrors.Invalid("applicant.id_number", "INVALID_ID_NUMBER",
                kind == ApplicantKind.Citizen
                    ? "applicant.id_number of a citizen is a 12-digit CCCD or a 9-digit CMND."
                    : "applicant.id_number must be 6-20 letters, digits or '-'.");
        }

        var phone = Normalize(applicant.Phone, "applicant.phone");
        if (phone.Length > 0 && !PhonePattern().IsMatch(phone))
        {
            throw ApiErrors.Invalid("applicant.phone", "INVALID_PHONE", "applicant.phone must be a phone number (digits, optional +, spaces, dots or dashes).");
        }

        var email = Normalize(applicant.Email, "applicant.email");
        if (email.Length > 0 && !EmailPattern().IsMatch(email))
        {
            throw ApiErrors.Invalid("applicant.email", "INVALID_EMAIL", "applicant.email must be an e-mail address.");
        }

        return new Applicant
        {
            Kind = kind,
            FullName = Text(applicant.FullName, "applicant.full_name", MaxNameLength, required: true),
            IdNumber = idNumber,
            Phone = phone,
            Email = email,
            Address = Text(applicant.Address, "applicant.address", MaxAddressLength),
        };
    }

    /// <summary>
    /// The applicant's choice of notifications: when none is made, SMS if a phone was given, else e-mail if an address
    /// was given, else none. A choice without its contact is refused naming notify_by.
    /// </summary>
    public static NotifyBy NotifyBy(V1.NotifyBy choice, Applicant applicant) => choice switch
    {
        V1.NotifyBy.Unspecified => applicant.Phone.Length > 0 ? Contracts.Dossiers.NotifyBy.Sms
            : applicant.Email.Length > 0 ? Contracts.Dossiers.NotifyBy.Email : Contracts.Dossiers.NotifyBy.None,
        V1.NotifyBy.None => Contracts.Dossiers.NotifyBy.None,
        V1.NotifyBy.Sms => applicant.Phone.Length > 0 ? Contracts.Dossiers.NotifyBy.Sms
            : throw ApiErrors.Invalid("notify_by", "CONTACT_REQUIRED", "notify_by is NOTIFY_BY_SMS but applicant.phone is empty: give the phone or choose another way."),
        V1.NotifyBy.Email => applicant.Email.Length > 0 ? Contracts.Dossiers.NotifyBy.Email
            : throw ApiErrors.Invalid("notify_by", "CONTACT_REQUIRED", "notify_by is NOTIFY_BY_EMAIL but applicant.email is empty: give the address or choose another way."),
        _ => throw ApiErrors.Invalid("notify_by", "INVALID_NOTIFY_BY", "notify_by must be one of NOTIFY_BY_NONE, NOTIFY_BY_SMS, NOTIFY_BY_EMAIL (or left unspecified)."),
    };

    private static string Normalize(string value, string field)
    {
        var text = value.Trim();
        if (!text.IsNormalized(NormalizationForm.FormC))
        {
            text = text.Normalize(NormalizationForm.FormC);
        }

        foreach (var c in text)
        {
            if (char.IsControl(c) && c is not ('\n' or '\r' or '\t'))
            {
                throw ApiErrors.Invalid(field, "CONTROL_CHARACTER", $"{field} contains a control character.");
            }
        }

        return text;
    }
}
