namespace DossierTracking.Contracts.Dossiers;

/// <summary>Why a request to a grain was refused; each maps to one gRPC status.</summary>
[GenerateSerializer, Alias("dvc.FailureKind")]
public enum FailureKind
{
    InvalidArgument = 1,
    NotFound = 2,
    /// <summary>An illegal transition for the current state.</summary>
    FailedPrecondition = 3,
    PermissionDenied = 4,
    /// <summary>A lost race: the dossier changed since the caller read it.</summary>
    Aborted = 5,
    AlreadyExists = 6,
    /// <summary>A limit of the dossier is reached (history, steps, guesses of its second factor).</summary>
    ResourceExhausted = 7,
    /// <summary>A position outside what is kept (a change feed position removed by retention).</summary>
    OutOfRange = 8,
}
