using DossierTracking.LoadTests.Workload;

namespace DossierTracking.LoadTests.Reporting;

/// <summary>Counts the seeded plan by level, desk and procedure, so the report shows the skew it actually drew.</summary>
public static class WorkloadSummaries
{
    private const int Top = 10;

    public static WorkloadSummary Describe(WorkloadModel model, IReadOnlyList<PlannedDossier>? plan)
    {
        var perDesk = new int[model.DeskCodes.Count];
        var perProcedure = new int[model.ProcedureCodes.Count];
        foreach (var dossier in plan ?? [])
        {
            perDesk[dossier.Desk]++;
            perProcedure[dossier.Procedure]++;
        }

        return new WorkloadSummary
        {
            Levels = model.Levels
                .Select(level => new LevelSummary(
                    level.Level.ToString(),
                    level.Share,
                    level.Desks.Count,
                    level.Procedures.Count,
                    level.Desks.Sum(desk => perDesk[desk])))
                .ToList(),
            TopDesks = TopOf(model.DeskCodes, perDesk),
            TopProcedures = TopOf(model.ProcedureCodes, perProcedure),
            Warnings = model.Warnings,
        };
    }

    private static List<CodeCount> TopOf(IReadOnlyList<string> codes, int[] counts) =>
        codes.Select((code, i) => new CodeCount(code, counts[i]))
            .Where(pair => pair.Dossiers > 0)
            .OrderByDescending(pair => pair.Dossiers)
            .Take(Top)
            .ToList();
}
