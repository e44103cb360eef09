using System.Security.Cryptography;
using System.Text;
using DossierTracking.Contracts.Dossiers;
using DossierTracking.GrpcApi.Security;
using V1 = DossierTracking.GrpcApi.V1;

namespace DossierTracking.GrpcApi.Mapping;

/// <summary>
/// What a caller may see of a dossier (DOMAIN.md "Personal data in lookups", Decree 13/2023). The full record goes to
/// an officer of a unit that holds the dossier, or to whoever gives the applicant's ID number; everyone else gets the
/// public view: procedure, units, dates, state, timeliness, history at agency level, payment and postal state without
/// amounts or address, and the applicant's name masked.
/// </summary>
public static class DossierViews
{
    public static bool HoldsDossier(Caller caller, IEnumerable<string> holdingAgencies) =>
        caller.IsOfficer && holdingAgencies.Contains(caller.AgencyCode, StringComparer.Ordinal);

    /// <summary>Whether <paramref name="given"/> is the applicant's ID number (compared in constant time).</summary>
    public static bool IdNumberMatches(Applicant applicant, string given)
    {
        if (given.Length == 0 || applicant.IdNumber.Length == 0)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given.Trim()), Encoding.UTF8.GetBytes(applicant.IdNumber));
    }

    /// <summary>
    /// Turns a freshly mapped message into the public view, in place (lookups are a hot path: no copy): everything
    /// personal or internal is removed.
    /// </summary>
    public static V1.Dossier MakePublic(V1.Dossier view)
    {
        view.Applicant = new V1.Applicant { Kind = view.Applicant?.Kind ?? V1.ApplicantKind.Unspecified, FullName = MaskName(view.Applicant?.FullName ?? "") };
        view.DeliveryAddress = "";
        view.ResultDocumentRef = "";
        view.ResultDocumentHash = "";
        view.ClosingReason = "";
        view.CurrentStep = "";
        view.Supplement = view.Supplement is null ? null : new V1.Supplement { Deadline = view.Supplement.Deadline };
        view.Fees.Clear();
        if (view.Rating is not null)
        {
            view.Rating.Comment = "";
        }

        foreach (var entry in view.History)
        {
            MaskEntry(entry);
        }

        foreach (var payment in view.Payments)
        {
            payment.Fees.Clear();
            payment.Total = 0;
            payment.Transactions.Clear();
            payment.Receipt = null;
        }

        foreach (var shipment in view.Shipments)
        {
            shipment.Address = "";
            foreach (var e in shipment.Events)
            {
                e.Note = "";
            }
        }

        return view;
    }

    /// <summary>A history entry at agency level: who (party and unit) but not which person, and no note.</summary>
    public static V1.HistoryEntry MaskEntry(V1.HistoryEntry entry)
    {
        entry.Note = "";
        if (entry.Actor is not null)
        {
            entry.Actor = new V1.Actor { Party = entry.Actor.Party, AgencyCode = entry.Actor.AgencyCode };
        }

        return entry;
    }

    /// <summary>"Nguyễn Văn An" → "Nguyễn V. A.": the family name, then initials.</summary>
    public static string MaskName(string fullName)
    {
        var words = fullName.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length == 0)
        {
            return "";
        }

        return string.Join(' ', words.Select((w, i) => i == 0 ? w : FirstLetter(w) + "."));
    }

    private static string FirstLetter(string word)
    {
        var enumerator = System.Globalization.StringInfo.GetTextElementEnumerator(word);
        return enumerator.MoveNext() ? (string)enumerator.Current : "";
    }
}
