using DossierTracking.Domain.Agencies;

namespace DossierTracking.Silo.ProvincePage;

/// <summary>What the page's figures endpoint answers: the figures at one moment, as far as the viewer may see them.</summary>
public sealed record ProvinceSnapshot
{
    /// <summary>When the agencies were asked.</summary>
    public required DateTimeOffset EvaluatedAt { get; init; }

    /// <summary>How often the page should ask again, in seconds (the silo gathers figures no more often).</summary>
    public required double RefreshSeconds { get; init; }

    /// <summary>
    /// The totals (<see cref="ProvinceTotals"/>) of the viewer's province, or of every province served for an operator;
    /// null for a viewer who sees one agency.
    /// </summary>
    public HeadlineFigures? Province { get; init; }

    /// <summary>Each served province's totals, by province code; never sent (each viewer gets their own as <see cref="Province"/>).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyDictionary<string, HeadlineFigures> Provinces { get; init; } = new Dictionary<string, HeadlineFigures>();

    /// <summary>The agencies seen, in the catalogue's order.</summary>
    public required IReadOnlyList<AgencyTile> Agencies { get; init; }

    /// <summary>The largest relay lag of this silo in the last minute (<see cref="PipelineLags"/>).</summary>
    public double? RelayLagSeconds { get; init; }

    /// <summary>The largest change-feed lag of this silo in the last minute (PostgreSQL only).</summary>
    public double? ChangeFeedLagSeconds { get; init; }

    /// <summary>The part of the snapshot that <paramref name="viewer"/> may see.</summary>
    public ProvinceSnapshot For(ProvinceViewer viewer) => this with
    {
        Province = !viewer.WholeProvince ? null : viewer.Province.Length == 0 ? Province : Provinces.GetValueOrDefault(viewer.Province),
        Provinces = new Dictionary<string, HeadlineFigures>(),
        Agencies = Agencies.Where(a => viewer.Sees(a.Code)).ToList(),
    };
}
