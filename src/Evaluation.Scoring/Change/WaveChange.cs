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
    public static WaveChange Compare(IReadOnlyList<double> from, IReadOnlyList<double> to, double? meaningfulChange = null) =>
        from.Count < 2 || to.Count < 2
            ? Insufficient(from.Count, to.Count, meaningfulChange)
            : Compare(new TwoSamples(from, to), meaningfulChange);

    /// <summary>The same comparison from two released figures (n, mean and SD of each wave).</summary>
    public static WaveChange Compare(ScoreCell from, ScoreCell to, double? meaningfulChange = null) =>
        from is not { N: >= 2 and var na, Mean: { } meanA, StandardDeviation: { } sdA } || to is not { N: >= 2 and var nb, Mean: { } meanB, StandardDeviation: { } sdB }
            ? Insufficient(from.N ?? 0, to.N ?? 0, meaningfulChange)
            : Compare(new TwoSamples(new Moments(na, meanA, sdA * sdA), new Moments(nb, meanB, sdB * sdB)), meaningfulChange);

    private static WaveChange Insufficient(int na, int nb, double? meaningfulChange) =>
        new(na, nb, null, null, null, null, null, meaningfulChange, ChangeVerdict.InsufficientData, na < IndicativeBelow || nb < IndicativeBelow);

    private static WaveChange Compare(TwoSamples samples, double? meaningfulChange)
    {
        var indicative = samples.NFrom < IndicativeBelow || samples.NTo < IndicativeBelow;
        var threshold = meaningfulChange ?? samples.SdFrom / 2;
        var welch = samples.Welch();
        var difference = samples.Difference;
        var verdict = welch is null ? ChangeVerdict.InsufficientData
            : welch.Ci95.Lower > 0 && difference > threshold ? ChangeVerdict.Improved
            : welch.Ci95.Upper < 0 && difference < -threshold ? ChangeVerdict.Declined
            : ChangeVerdict.NoClearChange;
        return new WaveChange(samples.NFrom, samples.NTo, difference, welch, samples.Student(), samples.CohenD, samples.HedgesG, threshold, verdict,
            indicative);
    }
}
