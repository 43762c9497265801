using MathNet.Numerics.Distributions;

namespace Evaluation.Scoring;

public sealed record Interval(double Lower, double Upper);

/// <summary>
/// n, mean, sample SD (n − 1), standard error and the t-based 95 % interval of the mean (Student t quantile
/// from MathNet.Numerics, as R's qt).
/// Values that need more observations are null: mean needs n ≥ 1, SD/SE/interval need n ≥ 2.
/// </summary>
public sealed record Summary(int N, double? Mean, double? StandardDeviation, double? StandardError, Interval? Ci95)
{
    public static Summary Of(IReadOnlyList<double> values)
    {
        var n = values.Count;
        if (n == 0)
        {
            return new Summary(0, null, null, null, null);
        }
        // The mean is summed in decimal (each score to 15 significant digits), so 3.35 prints as 3.35, not
        // 3.3499999999999996, and agrees with the mean Bands.ClassifyMean classifies.
        var mean = (double)(values.Sum(v => (decimal)v) / n);
        if (n == 1)
        {
            return new Summary(1, mean, null, null, null);
        }
        var sd = Moments.About(values, mean).StandardDeviation!.Value;
        var se = sd / Math.Sqrt(n);
        var t = StudentT.InvCDF(0, 1, n - 1, 0.975);
        return new Summary(n, mean, sd, se, new Interval(mean - t * se, mean + t * se));
    }
}
