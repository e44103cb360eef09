namespace DossierTracking.LoadTests.Workload;

/// <summary>
/// Draws an index with probability proportional to its weight, by binary search over the cumulative weights:
/// exact for any weights, O(log n) per draw, and fine for the 440,000 keys of the skewed lookup.
/// </summary>
public sealed class WeightedSampler
{
    private readonly double[] cumulative;

    public WeightedSampler(IReadOnlyList<double> weights)
    {
        if (weights.Count == 0)
        {
            throw new ArgumentException("A sampler needs at least one weight.", nameof(weights));
        }

        cumulative = new double[weights.Count];
        var total = 0.0;
        for (var i = 0; i < weights.Count; i++)
        {
            if (weights[i] < 0 || double.IsNaN(weights[i]))
            {
                throw new ArgumentOutOfRangeException(nameof(weights), "Weights are non-negative numbers.");
            }

            total += weights[i];
            cumulative[i] = total;
        }

        if (total <= 0)
        {
            throw new ArgumentException("At least one weight must be positive.", nameof(weights));
        }
    }

    public int Count => cumulative.Length;

    /// <summary>Weight 1/rank^exponent for ranks 1..count: the Zipf-like skew of desks, procedures and hot keys.</summary>
    public static WeightedSampler Zipf(int count, double exponent) =>
        new(Enumerable.Range(1, count).Select(rank => 1.0 / Math.Pow(rank, exponent)).ToArray());

    /// <summary>The probability of index <paramref name="index"/>, for the report.</summary>
    public double Probability(int index) =>
        (cumulative[index] - (index == 0 ? 0 : cumulative[index - 1])) / cumulative[^1];

    public int Next(Random random)
    {
        var point = random.NextDouble() * cumulative[^1];
        var found = Array.BinarySearch(cumulative, point);
        // BinarySearch gives the complement of the first larger element when there is no exact match; an exact
        // match sits on a boundary and belongs to the next bucket.
        var index = found >= 0 ? found + 1 : ~found;
        return Math.Min(index, cumulative.Length - 1);
    }
}
