using System.Runtime.InteropServices;

namespace DossierTracking.Silo.Documents;

/// <summary>The C library's calls that .NET does not offer for folders: a folder is flushed to disk through its descriptor.</summary>
internal static class NativeMethods
{
    [DllImport("libc", EntryPoint = "open", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    internal static extern int Open(string path, int flags);

    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    internal static extern int Fsync(int descriptor);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    internal static extern int Close(int descriptor);
}
