using System.Text.RegularExpressions;
using DossierTracking.Grains.Dossiers;
using Microsoft.Extensions.Options;

namespace DossierTracking.Silo.Configuration;

/// <summary>Checks section <c>Postal</c>.</summary>
public sealed partial class PostalOptionsValidator : IValidateOptions<PostalOptions>
{
    [GeneratedRegex(@"^[\p{L}\p{N}._:@\-]{1,64}\z", RegexOptions.CultureInvariant)]
    private static partial Regex PartnerCode();

    public ValidateOptionsResult Validate(string? name, PostalOptions options)
    {
        if (!Enum.IsDefined(options.ResultReturnedAt))
        {
            return ValidateOptionsResult.Fail("Postal:ResultReturnedAt is Delivery (a result sent by post counts as returned when the post reports its delivery) or Handover (when the desk hands it to the post).");
        }

        return PartnerCode().IsMatch(options.DefaultCarrier)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail("Postal:DefaultCarrier must name the postal operator that carries results when the desk names none: its partner code (the subject of its token), 1-64 letters, digits or . _ : @ -.");
    }
}
