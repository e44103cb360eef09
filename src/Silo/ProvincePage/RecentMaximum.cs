namespace DossierTracking.Silo.ProvincePage;

/// <summary>
/// The largest value recorded within the last <see cref="Seconds"/> seconds: one slot per second, each holding the
/// largest value of its second, so recording costs a lock and a comparison and memory stays fixed.
/// </summary>
internal sealed class RecentMaximum
{
    public const int Seconds = 60;

    private readonly Lock _lock = new();
    private readonly long[] _second = new long[Seconds];
    private readonly double[] _value = new double[Seconds];

    public RecentMaximum() => Array.Fill(_second, long.MinValue);

    /// <param name="second">The current second on a monotonic clock.</param>
    public void Record(double value, long second)
    {
        var slot = (int)(second % Seconds);
        lock (_lock)
        {
            if (_second[slot] != second)
            {
                _second[slot] = second;
                _value[slot] = value;
            }
            else if (value > _value[slot])
            {
                _value[slot] = value;
            }
        }
    }

    /// <summary>The largest value of the last <see cref="Seconds"/> seconds up to <paramref name="second"/>, or null when none was recorded.</summary>
    public double? Read(long second)
    {
        double? largest = null;
        lock (_lock)
        {
            for (var i = 0; i < Seconds; i++)
            {
                if (_second[i] > second - Seconds && _second[i] <= second && (largest is null || _value[i] > largest))
                {
                    largest = _value[i];
                }
            }
        }

        return largest;
    }
}
