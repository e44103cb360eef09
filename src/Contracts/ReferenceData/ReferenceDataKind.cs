namespace DossierTracking.Contracts.ReferenceData;

/// <summary>The kinds of reference data published as versions (table <c>dvc_reference_data</c>).</summary>
public enum ReferenceDataKind
{
    Unspecified = 0,

    /// <summary>Procedures (limits, fees, papers, supplement rule, service level) and agencies with their desks.</summary>
    Catalog = 1,

    /// <summary>Days off and make-up working days, per year.</summary>
    Calendar = 2,
}
