using DossierTracking.Contracts.Catalog;
using DossierTracking.Domain.Agencies;

namespace DossierTracking.Silo.ProvincePage;

/// <summary>One agency on the province page: who it is and its headline figures.</summary>
public sealed record AgencyTile(string Code, string Name, AgencyLevel Level, HeadlineFigures Figures);
