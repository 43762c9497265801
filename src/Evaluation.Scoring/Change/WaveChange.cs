using MathNet.Numerics.Distributions;

namespace Evaluation.Scoring.Change;

public enum ChangeVerdict
{
    Improved,
    Declined,
    NoClearChange,
    InsufficientData,
}

/// <summary>A two-sample t test: statistic, degrees of freedom, two-sided p and the 95 % interval of the difference.</summary>
public sealed record TTest(double T, double Df, double P, Interval Ci95);

/// <summary>
/// Change in a domain between two waves (independent samples), as R's <c>t.test(to, from)</c>: Welch for the
/// verdict, Student (pooled) for reference, Cohen's d with the pooled SD and Hedges' g. A change is called real
/// only when the Welch interval excludes zero <em>and</em> the difference is larger than the meaningful-change
/// threshold; comparisons with fewer than 30 in either wave are indicative only.
/// </summary>
public sealed record WaveChange(
    int NFrom,
    int NTo,
    double? Difference,
    TTest? Welch,
    TTest? Student,
    double? CohenD,
    double? HedgesG,
    double? MeaningfulChange,
    ChangeVerdict Verdict,
    bool IndicativeOnly)
{
    public const int IndicativeBelow = 30;

    /// <param name="from">Scores in the earlier (baseline) wave.</param>
    /// <param name="to">Scores in the later wave.</param>
    /// <param name="meaningfulChange">Smallest difference that matters; null means half the baseline SD.</param>
    public static WaveChange Compare(IReadOnlyList<double> from, IReadOnlyList<double> to, double? meaningfulChange = null)
    {
        int na = from.Count, nb = to.Count;
        var indicative = na < IndicativeBelow || nb < IndicativeBelow;
        if (na < 2 || nb < 2)
        {
            return new WaveChange(na, nb, null, null, null, null, null, meaningfulChange, ChangeVerdict.InsufficientData, indicative);
        }
        double meanA = Mean(from), meanB = Mean(to);
        double varA = Variance(from, meanA), varB = Variance(to, meanB);
        var difference = meanB - meanA;
        var threshold = meaningfulChange ?? Math.Sqrt(varA) / 2;

        var welchSe = Math.Sqrt(varA / na + varB / nb);
        var welchDf = Math.Pow(varA / na + varB / nb, 2) /
                      (Math.Pow(varA / na, 2) / (na - 1) + Math.Pow(varB / nb, 2) / (nb - 1));
        var pooledSd = Math.Sqrt(((na - 1) * varA + (nb - 1) * varB) / (na + nb - 2));
        var studentSe = pooledSd * Math.Sqrt(1.0 / na + 1.0 / nb);
        var welch = Test(difference, welchSe, welchDf);
        var student = Test(difference, studentSe, na + nb - 2);
        var cohenD = pooledSd > 0 ? difference / pooledSd : (double?)null;
        var hedgesG = cohenD * (1 - 3.0 / (4 * (na + nb) - 9));

        var verdict = welch is null ? ChangeVerdict.InsufficientData
            : welch.Ci95.Lower > 0 && difference > threshold ? ChangeVerdict.Improved
            : welch.Ci95.Upper < 0 && difference < -threshold ? ChangeVerdict.Declined
            : ChangeVerdict.NoClearChange;
        return new WaveChange(na, nb, difference, welch, student, cohenD, hedgesG, threshold, verdict, indicative);
    }

    private static TTest? Test(double difference, double se, double df)
    {
        if (!(se > 0) || !double.IsFinite(df))
        {
            return null; // both waves constant: no spread to test against
        }
        var t = difference / se;
        var p = 2 * StudentT.CDF(0, 1, df, -Math.Abs(t));
        var quantile = StudentT.InvCDF(0, 1, df, 0.975);
        return new TTest(t, df, p, new Interval(difference - quantile * se, difference + quantile * se));
    }

    private static double Mean(IReadOnlyList<double> values) => values.Sum() / values.Count;

    private static double Variance(IReadOnlyList<double> values, double mean) =>
        values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1);
}
