namespace Evaluation.Scoring;

/// <summary>
/// A sample's n, mean and variance with n − 1: the one place the product computes a spread (summaries, reliability,
/// change between waves, paired change). Two passes, in order, as R's <c>var()</c>, so results match R bit for bit
/// where the tests say they do. The variance is NaN below 2 values.
/// </summary>
public readonly record struct Moments(int N, double Mean, double Variance)
{
    /// <summary>The sample standard deviation, or null below 2 values.</summary>
    public double? StandardDeviation => N >= 2 ? Math.Sqrt(Variance) : null;

    public static Moments Of(IReadOnlyList<double> values) => About(values, values.Sum() / values.Count);

    /// <summary>About a mean worked out by the caller (a summary sums its mean in decimal, to print 3.35 as 3.35).</summary>
    public static Moments About(IReadOnlyList<double> values, double mean) =>
        new(values.Count, mean, values.Count < 2 ? double.NaN : values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));

    /// <summary>Of a column's answered values, NaN meaning missing, without allocating. N is 0 and the mean NaN when none is answered.</summary>
    public static Moments OfAnswered(ReadOnlySpan<double> column)
    {
        double sum = 0;
        var count = 0;
        foreach (var value in column)
        {
            if (!double.IsNaN(value))
            {
                sum += value;
                count++;
            }
        }
        var mean = sum / count;
        if (count < 2)
        {
            return new Moments(count, mean, double.NaN);
        }
        double squares = 0;
        foreach (var value in column)
        {
            if (!double.IsNaN(value))
            {
                squares += (value - mean) * (value - mean);
            }
        }
        return new Moments(count, mean, squares / (count - 1));
    }
}
