using DossierTracking.Contracts.Dossiers;

namespace DossierTracking.Contracts.Agencies;

/// <summary>Which relation to an agency a list is about.</summary>
[GenerateSerializer, Alias("dvc.AgencyScope")]
public enum AgencyScope
{
    /// <summary>Dossiers the agency decides (the competent agency).</summary>
    Handling = 0,
    /// <summary>Dossiers received at the desk.</summary>
    Receiving = 1,
    /// <summary>Dossiers at the agency now.</summary>
    Current = 2,
}

/// <summary>
/// A filtered, keyset-paged query over an agency's dossiers in receipt-code order: a dossier keeps its place however
/// it changes, so paging while writes go on neither repeats nor skips one.
/// </summary>
public sealed record DossierListQuery
{
    public required string AgencyCode { get; init; }
    public AgencyScope Scope { get; init; }
    public IReadOnlyList<DossierState> States { get; init; } = [];
    public Timeliness Timeliness { get; init; }
    public DateTimeOffset? DueFrom { get; init; }
    public DateTimeOffset? DueTo { get; init; }
    public Channel Channel { get; init; }
    public string ProcedureCode { get; init; } = "";
    /// <summary>Only dossiers assigned to this officer at their current agency; empty for all.</summary>
    public string AssigneeId { get; init; } = "";
    /// <summary>Open dossiers are judged WithinDeadline or Overdue at this moment.</summary>
    public required DateTimeOffset At { get; init; }
    /// <summary>Rows strictly after this receipt code; null for the first page.</summary>
    public string? AfterReceiptCode { get; init; }
    public required int Limit { get; init; }
}

/// <summary>
/// The read model: one row per dossier in the same database as the grain state, kept in step with every committed
/// change by the silos' change relays (and repaired from the grain state after a crash). Serves lists, search,
/// reports and the agency grains' rebuild; never enumerates grains.
/// </summary>
public interface IDossierIndex
{
    /// <summary>Writes rows; a row older than the stored one changes nothing.</summary>
    Task UpsertAsync(IReadOnlyCollection<DossierIndexRow> rows, CancellationToken cancellationToken = default);

    /// <summary>Every row that concerns an agency: handled, received or held there now.</summary>
    Task<IReadOnlyList<DossierIndexRow>> LoadAgencyAsync(string agencyCode, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<DossierIndexRow>> ListAsync(DossierListQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// Dossiers of an applicant by ID number or phone (exact) held by one unit (received, decided or held there now),
    /// keyset-paged by receipt code. The unit is part of the query, so a page never holds another unit's dossiers.
    /// </summary>
    Task<IReadOnlyList<DossierIndexRow>> FindByApplicantAsync(string idNumber, string phone, string unitCode, string? afterReceiptCode, int limit,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Rows for a report: those that reached the system before <paramref name="arrivedBefore"/> and are handled by one
    /// of <paramref name="handlingAgencies"/> or were received at one of <paramref name="receivingDesks"/>; every such
    /// row of <paramref name="province"/> (received by one of its desks) when both are null.
    /// </summary>
    IAsyncEnumerable<DossierIndexRow> ReadForReportAsync(string province, IReadOnlyCollection<string>? handlingAgencies, IReadOnlyCollection<string>? receivingDesks,
        DateTimeOffset arrivedBefore, CancellationToken cancellationToken = default);

    /// <summary>Every row, for the recount.</summary>
    IAsyncEnumerable<DossierIndexRow> ReadAllAsync(CancellationToken cancellationToken = default);
}
