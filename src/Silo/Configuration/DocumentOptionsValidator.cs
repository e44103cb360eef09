using DossierTracking.Contracts.Documents;
using Microsoft.Extensions.Options;

namespace DossierTracking.Silo.Configuration;

/// <summary>Start-up check of <see cref="DocumentOptions"/>.</summary>
public sealed class DocumentOptionsValidator : IValidateOptions<DocumentOptions>
{
    /// <summary>The largest file allowed by any setting: 1 GiB (a read checks the whole file before sending it).</summary>
    public const long MaxFileBytesCeiling = 1L << 30;

    public ValidateOptionsResult Validate(string? name, DocumentOptions options)
    {
        var failures = new List<string>();
        if (options.MaxFileBytes < 1024 || options.MaxFileBytes > MaxFileBytesCeiling)
        {
            failures.Add($"Documents:MaxFileBytes must be between 1024 and {MaxFileBytesCeiling} bytes; the default is 20971520 (20 MiB).");
        }

        if (options.MaxDossierBytes < options.MaxFileBytes || options.MaxDossierBytes > 64 * MaxFileBytesCeiling)
        {
            failures.Add("Documents:MaxDossierBytes must be at least Documents:MaxFileBytes and at most 64 GiB; the default is 104857600 (100 MiB).");
        }

        if (options.TransferTimeout < TimeSpan.FromSeconds(10) || options.TransferTimeout > TimeSpan.FromHours(2))
        {
            failures.Add("Documents:TransferTimeout must be between 00:00:10 and 02:00:00; the default is 00:10:00.");
        }

        if (options.MaxTransfersPerCaller is < 1 or > 1000)
        {
            failures.Add("Documents:MaxTransfersPerCaller must be between 1 and 1000; the default is 4.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
