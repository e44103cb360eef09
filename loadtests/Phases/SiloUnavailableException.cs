namespace DossierTracking.LoadTests.Phases;

/// <summary>The silo cannot be load-tested: unreachable, or its probe is off. The run ends with exit code 2.</summary>
public sealed class SiloUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
