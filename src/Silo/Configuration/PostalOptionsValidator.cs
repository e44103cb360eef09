using System.Text.RegularExpressions;
using DossierTracking.Domain.Dossiers;
using DossierTracking.Grains.Dossiers;
using Microsoft.Extensions.Options;

namespace DossierTracking.Silo.Configuration;

/// <summary>Checks section <c>Postal</c>.</summary>
public sealed partial class PostalOptionsValidator : IValidateOptions<PostalOptions>
{
    [GeneratedRegex(@"^[\p{L}\p{N}._:@\-]{1,64}\z", RegexOptions.CultureInvariant)]
    private static partial Regex PartnerCode();

    [GeneratedRegex(@"^[A-Za-z0-9._/\-]{1,32}\z", RegexOptions.CultureInvariant)]
    private static partial Regex RawCode();

    public ValidateOptionsResult Validate(string? name, PostalOptions options)
    {
        if (!Enum.IsDefined(options.ResultReturnedAt))
        {
            return ValidateOptionsResult.Fail("Postal:ResultReturnedAt is Delivery (a result sent by post counts as returned when the post reports its delivery) or Handover (when the desk hands it to the post).");
        }

        if (!PartnerCode().IsMatch(options.DefaultCarrier))
        {
            return ValidateOptionsResult.Fail("Postal:DefaultCarrier must name the postal operator that carries results when the desk names none: its partner code (the subject of its token), 1-64 letters, digits or . _ : @ -.");
        }

        foreach (var (carrier, codes) in options.ReasonCodes)
        {
            if (!PartnerCode().IsMatch(carrier))
            {
                return ValidateOptionsResult.Fail($"Postal:ReasonCodes:{carrier} must be a carrier's partner code (the subject of its token), 1-64 letters, digits or . _ @ -.");
            }

            foreach (var (code, reason) in codes)
            {
                if (!RawCode().IsMatch(code))
                {
                    return ValidateOptionsResult.Fail($"Postal:ReasonCodes:{carrier}:{code} must be a raw code of 1-{DossierLimits.MaxRawCodeLength} characters of A-Z a-z 0-9 . _ / -.");
                }

                if (PostalOptions.ParseReason(reason) is null)
                {
                    return ValidateOptionsResult.Fail($"Postal:ReasonCodes:{carrier}:{code} is RecipientAbsent, AddressNotFound, Refused, UnreachablePhone or Other.");
                }
            }
        }

        return ValidateOptionsResult.Success;
    }
}
