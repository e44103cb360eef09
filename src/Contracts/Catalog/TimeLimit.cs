namespace DossierTracking.Contracts.Catalog;

/// <summary>A processing time limit: a number of working days (the usual case) or calendar days.</summary>
[GenerateSerializer, Immutable, Alias("dvc.TimeLimit")]
public sealed record TimeLimit
{
    [Id(0)] public required int Value { get; init; }
    [Id(1)] public required LimitUnit Unit { get; init; }

    public override string ToString() => $"{Value} {(Unit == LimitUnit.WorkingDays ? "working" : "calendar")} day(s)";
}
