namespace DossierTracking.Silo.Storage;

/// <summary>The database could not be prepared at start-up; the message names the setting to check.</summary>
public sealed class StorageStartupException(string message, Exception? inner = null) : Exception(message, inner);
