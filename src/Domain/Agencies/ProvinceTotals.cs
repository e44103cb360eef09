using DossierTracking.Contracts.Catalog;

namespace DossierTracking.Domain.Agencies;

/// <summary>
/// The province's figures as the sum of its agencies' figures, each dossier counted once. A dossier counts for the
/// agency that decides it and for the desk that received it (<see cref="AgencyFigureRules.Concerns"/>). A district or
/// commune desk decides what it receives, so there both are one agency; a province-level dossier is received by the
/// province's service centre and decided by a department. So the sum leaves out the province-level receiving desks,
/// which only receive: every dossier is then counted once, at the agency that decides it.
/// </summary>
public static class ProvinceTotals
{
    /// <summary>Whether the agency's figures go into the province's sum.</summary>
    public static bool Counts(AgencyInfo agency) => !(agency.IsReceivingDesk && agency.Level == AgencyLevel.Province);

    /// <summary>The province's figures from those of its agencies (the agencies left out by <see cref="Counts"/> are skipped).</summary>
    public static HeadlineFigures Sum(IEnumerable<(AgencyInfo Agency, HeadlineFigures Figures)> agencies) =>
        agencies.Where(a => Counts(a.Agency)).Aggregate(HeadlineFigures.Zero, (sum, a) => sum.Add(a.Figures));
}
