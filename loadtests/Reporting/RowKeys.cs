namespace DossierTracking.LoadTests.Reporting;

/// <summary>The keys of the rows that the ratios and the targets refer to.</summary>
public static class RowKeys
{
    public const string Submit = "submit";
    public const string Echo = "echo-ceiling";
    public const string LookupUniform = "lookup-uniform";
    public const string LookupSkewed = "lookup-skewed";
    public const string Upsert = "upsert-ceiling";
    public const string Accept = "accept";
    public const string LifecycleAll = "lifecycle-all";
    public const string HotAgencySubmit = "hot-agency-submit";
    public const string Cold = "cold-lookup";
    public const string Select = "select-ceiling";
}
