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
        var samples = new TwoSamples(from, to);
        var threshold = meaningfulChange ?? samples.SdFrom / 2;
        var welch = samples.Welch();
        var difference = samples.Difference;
        var verdict = welch is null ? ChangeVerdict.InsufficientData
            : welch.Ci95.Lower > 0 && difference > threshold ? ChangeVerdict.Improved
            : welch.Ci95.Upper < 0 && difference < -threshold ? ChangeVerdict.Declined
            : ChangeVerdict.NoClearChange;
        return new WaveChange(na, nb, difference, welch, samples.Student(), samples.CohenD, samples.HedgesG, threshold, verdict, indicative);
    }
}
