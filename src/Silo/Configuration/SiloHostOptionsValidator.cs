using Microsoft.Extensions.Options;

namespace DossierTracking.Silo.Configuration;

/// <summary>Start-up check of <see cref="SiloHostOptions"/>.</summary>
public sealed class SiloHostOptionsValidator : IValidateOptions<SiloHostOptions>
{
    public ValidateOptionsResult Validate(string? name, SiloHostOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ServiceId) || string.IsNullOrWhiteSpace(options.ClusterId))
        {
            failures.Add("Silo:ServiceId and Silo:ClusterId must not be empty.");
        }

        if (options.SiloPort is < 0 or > 65535 || options.GatewayPort is < 0 or > 65535)
        {
            failures.Add("Silo:SiloPort and Silo:GatewayPort must be between 0 and 65535.");
        }
        else if (options.OpenGateway && options.GatewayPort == 0)
        {
            failures.Add("Silo:OpenGateway is true but Silo:GatewayPort is 0: give the gateway a port, or leave it closed.");
        }

        if (!Enum.IsDefined(options.Clustering))
        {
            failures.Add("Silo:Clustering must be Auto, Localhost or AdoNet.");
        }

        if (!System.Net.IPAddress.TryParse(options.AdvertisedAddress, out _) && !Hosting.AdvertisedAddress.IsAuto(options.AdvertisedAddress))
        {
            failures.Add($"Silo:AdvertisedAddress '{options.AdvertisedAddress}' is not an IP address: give this machine's address on the cluster network, or auto to find it from the network interfaces.");
        }

        if (options.GrainCollectionAge < TimeSpan.FromMinutes(1))
        {
            failures.Add("Silo:GrainCollectionAge must be at least 00:01:00.");
        }

        try
        {
            Domain.Calendar.WorkingHours.Parse(options.WorkingHours);
        }
        catch (FormatException e)
        {
            failures.Add($"Silo:WorkingHours is invalid: {e.Message} Example: {Domain.Calendar.WorkingHours.Default}");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
