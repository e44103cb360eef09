using System.Globalization;

namespace DossierTracking.LoadTests.Phases;

/// <summary>
/// The request_id of each change the load tool sends: one per dossier and operation, so that an attempt the channel
/// sends again after UNAVAILABLE is the same change (the dossier answers it without changing again), while two
/// different changes never share an id. At most 64 characters of A-Z a-z 0-9 . _ : - as the API requires.
/// </summary>
public static class RequestIds
{
    public static string For(RunContext context, string operation, long index) =>
        string.Create(CultureInfo.InvariantCulture, $"lt-{context.RunId}-{operation}-{index}");
}
