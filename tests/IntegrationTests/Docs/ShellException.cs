namespace DossierTracking.IntegrationTests.Docs;

/// <summary>A README command the interpreter cannot run as written (unknown command or option, unset variable, bad JSON), with its line.</summary>
public sealed class ShellException(int line, string message) : Exception($"README line {line}: {message}")
{
    public int Line { get; } = line;
}
