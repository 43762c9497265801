using MathNet.Numerics.Distributions;

namespace Evaluation.Scoring.Change;

/// <summary>
/// Two independent samples compared as R's <c>t.test(to, from)</c> does: difference of means (to − from), Welch's
/// test with Welch–Satterthwaite df, Student's pooled test, Cohen's d (pooled SD) and Hedges' g. Needs n ≥ 2 in each.
/// </summary>
internal sealed class TwoSamples
{
    private readonly int _na;
    private readonly int _nb;
    private readonly double _varA;
    private readonly double _varB;
    private readonly double _pooledSd;

    public TwoSamples(IReadOnlyList<double> from, IReadOnlyList<double> to)
        : this(Moments.Of(from), Moments.Of(to))
    {
    }

    /// <summary>From each sample's n, mean and variance (n − 1) alone: a released figure holds all a comparison needs.</summary>
    public TwoSamples(Moments from, Moments to)
    {
        (_na, _nb, _varA, _varB) = (from.N, to.N, from.Variance, to.Variance);
        Difference = to.Mean - from.Mean;
        _pooledSd = Math.Sqrt(((_na - 1) * _varA + (_nb - 1) * _varB) / (_na + _nb - 2));
    }

    public double Difference { get; }

    public int NFrom => _na;

    public int NTo => _nb;

    public double SdFrom => Math.Sqrt(_varA);

    public double? CohenD => _pooledSd > 0 ? Difference / _pooledSd : null;

    public double? HedgesG => CohenD * (1 - 3.0 / (4 * (_na + _nb) - 9));

    public TTest? Welch()
    {
        var se = Math.Sqrt(_varA / _na + _varB / _nb);
        var df = Math.Pow(_varA / _na + _varB / _nb, 2) /
                 (Math.Pow(_varA / _na, 2) / (_na - 1) + Math.Pow(_varB / _nb, 2) / (_nb - 1));
        return Test(se, df);
    }

    public TTest? Student() => Test(_pooledSd * Math.Sqrt(1.0 / _na + 1.0 / _nb), _na + _nb - 2);

    private TTest? Test(double se, double df)
    {
        if (!(se > 0) || !double.IsFinite(df))
        {
            return null; // both samples constant: no spread to test against
        }
        var t = Difference / se;
        var p = 2 * StudentT.CDF(0, 1, df, -Math.Abs(t));
        var quantile = StudentT.InvCDF(0, 1, df, 0.975);
        return new TTest(t, df, p, new Interval(Difference - quantile * se, Difference + quantile * se));
    }
}
