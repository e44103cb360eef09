namespace DossierTracking.Contracts.Catalog;

[GenerateSerializer, Alias("dvc.LimitUnit")]
public enum LimitUnit
{
    WorkingDays = 0,
    CalendarDays = 1,
}
