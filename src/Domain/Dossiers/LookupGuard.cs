using DossierTracking.Contracts.Dossiers;

namespace DossierTracking.Domain.Dossiers;

/// <summary>
/// Limits guessing of a dossier's second factor: after <see cref="MaxWrongAttempts"/> wrong attempts within
/// <see cref="Window"/>, full-record access by PIN or ID number is refused for <see cref="LockDuration"/>. Counted by
/// the dossier (one grain in the whole cluster, its count stored), so spreading guesses over callers, addresses or
/// silos, or waiting for a restart, gains nothing. Officers of holding units are not affected, and the public view
/// stays open.
/// </summary>
public static class LookupGuard
{
    public const int MaxWrongAttempts = 5;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan LockDuration = TimeSpan.FromMinutes(15);

    /// <summary>The refusal while locked; null when guesses are allowed.</summary>
    public static Failure? Refusal(LookupGuardRecord guard, DateTimeOffset now) =>
        guard.LockedUntil is { } until && until > now
            ? new Failure
            {
                Kind = FailureKind.ResourceExhausted,
                Reason = "SECOND_FACTOR_LOCKED",
                Message = $"Too many wrong lookup PINs or ID numbers for this dossier: try again after {until:yyyy-MM-dd HH:mm:ss} UTC.",
            }
            : null;

    /// <summary>The record after one more wrong attempt at <paramref name="now"/>.</summary>
    public static LookupGuardRecord AfterWrongAttempt(LookupGuardRecord guard, DateTimeOffset now)
    {
        var recent = guard.WrongAttempts.RemoveAll(t => t <= now - Window).Add(now);
        return recent.Count >= MaxWrongAttempts
            ? new LookupGuardRecord { WrongAttempts = [], LockedUntil = now + LockDuration }
            : guard with { WrongAttempts = recent };
    }

    /// <summary>Whether the record holds anything worth clearing after a right answer.</summary>
    public static bool HasHistory(LookupGuardRecord guard) => guard.WrongAttempts.Count > 0;

    /// <summary>Whether the proof opens the dossier: its PIN, or, for a citizen, their ID number.</summary>
    public static bool Matches(DossierRecord dossier, ApplicantProof proof) =>
        (proof.Pin.Length > 0 && dossier.LookupPinHash.Length > 0 && LookupPin.Matches(dossier.LookupPinHash, proof.Pin))
        || (proof.IdNumber.Length > 0 && dossier.Applicant.Kind == ApplicantKind.Citizen && SameText(dossier.Applicant.IdNumber, proof.IdNumber));

    private static bool SameText(string stored, string given) =>
        System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(stored), System.Text.Encoding.UTF8.GetBytes(given.Trim()));
}
