namespace DossierTracking.GrpcApi.Import;

/// <summary>Why a line was not imported: its number, the field at fault (a JSON path, or empty), a stable code and a message.</summary>
public sealed record ImportProblemInfo(long Line, string Field, string Code, string Message);
