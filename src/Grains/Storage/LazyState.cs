using Orleans.Storage;

namespace DossierTracking.Grains.Storage;

/// <summary>
/// Grain state read on first use and written straight through the grain storage provider. Unlike
/// <c>IPersistentState</c>, which reads on every activation, a grain that is being created can skip the read: its
/// first write carries no ETag, so the storage inserts the row and refuses (InconsistentStateException) if one exists.
/// </summary>
public sealed class LazyState<T>(IGrainStorage storage, string stateName, GrainId grainId)
    where T : class, new()
{
    private readonly GrainState<T> _state = new(new T());
    private Task? _loading;

    public T Value => _state.State!;

    /// <summary>True once the stored state was read, or written by this activation.</summary>
    public bool IsKnown { get; private set; }

    /// <summary>Reads the stored state once per activation; interleaved callers share the read, a failed read is retried next time.</summary>
    public Task LoadAsync()
    {
        if (IsKnown)
        {
            return Task.CompletedTask;
        }

        if (_loading is { IsFaulted: false, IsCanceled: false } pending)
        {
            return pending;
        }

        return _loading = ReadAsync();
    }

    /// <summary>Writes <see cref="Value"/>: an insert before anything was read, an ETag-checked update after.</summary>
    public async Task WriteAsync()
    {
        await storage.WriteStateAsync(stateName, grainId, _state);
        IsKnown = true;
    }

    /// <summary>Takes <paramref name="value"/> as the stored state, written by someone else as version <paramref name="etag"/> (a submission's one write).</summary>
    public void Adopt(T value, string etag)
    {
        _state.State = value;
        _state.ETag = etag;
        _state.RecordExists = true;
        IsKnown = true;
    }

    /// <summary>Replaces the value in memory (used to undo a change whose write failed).</summary>
    public void Set(T value) => _state.State = value;

    /// <summary>Forgets what is in memory so that the next <see cref="LoadAsync"/> reads the stored row again.</summary>
    public void Reset()
    {
        _state.State = new T();
        _state.ETag = null;
        _state.RecordExists = false;
        IsKnown = false;
        _loading = null;
    }

    private async Task ReadAsync()
    {
        await storage.ReadStateAsync(stateName, grainId, _state);
        IsKnown = true;
    }
}
