using MathNet.Numerics.Distributions;

namespace Evaluation.Scoring.Change;

/// <summary>
/// Individual change of the same people between two waves, as R's <c>t.test(to, from, paired = TRUE)</c>: the mean of
/// their differences (to − from), the SD of the differences, the paired t test and its 95 % interval, and d_z (mean
/// difference over its SD). Needs at least 2 pairs; no spread in the differences gives no test (null), never NaN.
/// Its verdict follows the rule of <see cref="WaveChange"/>: improved or declined only when the 95 % interval excludes
/// zero and the mean difference is larger than the meaningful change (given, or half the SD of the pairs' earlier scores).
/// </summary>
public sealed record PairedChange(int Pairs, double MeanDifference, double? SdDifference, TTest? Paired, double? EffectSizeDz, bool IndicativeOnly,
    double? MeaningfulChange = null, ChangeVerdict Verdict = ChangeVerdict.InsufficientData)
{
    /// <summary>R's <c>.Machine$double.eps</c>.</summary>
    private const double MachineEpsilon = 2.220446049250313e-16;

    public static PairedChange? Compare(IReadOnlyList<(double From, double To)> pairs, double? meaningfulChange = null)
    {
        var n = pairs.Count;
        if (n < 2)
        {
            return null;
        }
        var differences = pairs.Select(p => p.To - p.From).ToList();
        var mean = differences.Sum() / n;
        var sd = Moments.About(differences, mean).StandardDeviation!.Value;
        TTest? test = null;
        var se = sd / Math.Sqrt(n);
        // As R's t.test: differences whose spread is rounding noise are "essentially constant" and give no test.
        var constant = se == 0 || se < 10 * MachineEpsilon * Math.Abs(mean);
        if (!constant)
        {
            var t = mean / se;
            var df = n - 1.0;
            var quantile = StudentT.InvCDF(0, 1, df, 0.975);
            test = new TTest(t, df, 2 * StudentT.CDF(0, 1, df, -Math.Abs(t)), new Interval(mean - quantile * se, mean + quantile * se));
        }
        var threshold = meaningfulChange ?? Moments.Of(pairs.Select(p => p.From).ToList()).StandardDeviation!.Value / 2;
        var verdict = test is null ? ChangeVerdict.InsufficientData
            : test.Ci95.Lower > 0 && mean > threshold ? ChangeVerdict.Improved
            : test.Ci95.Upper < 0 && mean < -threshold ? ChangeVerdict.Declined
            : ChangeVerdict.NoClearChange;
        return new PairedChange(n, mean, sd, test, constant ? null : mean / sd, n < WaveChange.IndicativeBelow, threshold, verdict);
    }
}
