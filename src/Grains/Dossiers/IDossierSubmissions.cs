namespace DossierTracking.Grains.Dossiers;

/// <summary>
/// The one durable write of a submission: the request's row (<c>req/{party}/{caller}/{requestId}</c>, the receipt code
/// it was given) and the new dossier's row, in the dossiers' storage, together or not at all. The request's row is the
/// lock that makes a retried submission find its first answer; writing it in the same statement as the dossier saves
/// the second commit a submission used to wait for. Implemented by the host over the same tables and payload format
/// as the dossiers' storage provider, so the rows read back through the provider like any it wrote.
/// </summary>
public interface IDossierSubmissions
{
    /// <summary>
    /// Inserts both rows. When the request id already has a row, writes nothing and returns that row. When the
    /// dossier's code already has a row, writes nothing and throws <see cref="Orleans.Storage.InconsistentStateException"/>,
    /// as the provider does for an insert that finds a row.
    /// </summary>
    Task<SubmissionInsert> InsertAsync(GrainId requestRow, SubmissionRecord request, GrainId dossierRow, DossierSlot dossier);
}

/// <summary>What <see cref="IDossierSubmissions.InsertAsync"/> did: stored both rows (and the dossier row's version tag), or found the request taken.</summary>
public sealed record SubmissionInsert(string? ETag, SubmissionRecord? Taken)
{
    public static SubmissionInsert Stored(string etag) => new(etag, null);

    public static SubmissionInsert RequestTaken(SubmissionRecord stored) => new(null, stored);
}
