namespace DossierTracking.Domain.Dossiers;

/// <summary>
/// How large one dossier may grow. A real dossier has tens of history entries: a few steps, perhaps a transfer, a
/// supplement, a fee, a delivery. These bounds leave room for the unusual case and keep every record small enough to
/// hold in memory by the hundred thousand and to rewrite on every change (bound measured by the unit test
/// <c>A_dossier_filled_to_every_limit_stays_small</c>, with the papers' limits of <c>DocumentLimits</c>). Past a limit
/// a change is RESOURCE_EXHAUSTED and changes nothing.
/// </summary>
public static class DossierLimits
{
    /// <summary>Characters of a note, reason, or comment written by an officer or applicant.</summary>
    public const int MaxNoteLength = 500;
    /// <summary>Characters of a step name, a missing paper, a fee line's name or a document reference.</summary>
    public const int MaxNameLength = 200;
    /// <summary>
    /// Processing steps recorded by officers. A real dossier records a handful per round (review, site visit, drafting,
    /// submission to the leader, signature); 25 covers a first round and three more after supplement requests. Not more:
    /// a step with its longest name and note costs the record about 1.5 KB, and the papers need the room.
    /// </summary>
    public const int MaxSteps = 25;
    /// <summary>Transfers to coordinating agencies (each comes back once).</summary>
    public const int MaxTransfers = 10;
    /// <summary>The rules allow one supplement request per dossier; a little room for a desk and an agency each asking.</summary>
    public const int MaxSupplementRequests = 3;
    public const int MaxMissingItems = 20;
    public const int MaxApologies = 3;
    public const int MaxPaymentRequests = 5;
    public const int MaxFeeLines = 20;
    public const int MaxTransactionsPerRequest = 10;
    /// <summary>Shipments of the result by post (a result that came back is sent again).</summary>
    public const int MaxShipments = 3;
    public const int MaxShipmentEvents = 30;
    /// <summary>Characters of a delivery event's location (a post office's name or code).</summary>
    public const int MaxEventLocationLength = 100;
    /// <summary>Characters of a carrier's raw event or reason code.</summary>
    public const int MaxRawCodeLength = 32;
    /// <summary>
    /// New lookup PINs after the first. An applicant loses a PIN once or twice at most; past the limit a citizen can still
    /// use their ID number instead. Not more: each costs the record about 1.5 KB, and the papers need the room.
    /// </summary>
    public const int MaxPinReissues = 5;
    /// <summary>A backstop over everything above: no dossier has more history entries than this.</summary>
    public const int MaxHistoryEntries = 400;

    /// <summary>Assignments to officers: a dossier changes hands a few times at most; the bound keeps a flood of them from filling the history.</summary>
    public const int MaxAssignments = 10;
}
