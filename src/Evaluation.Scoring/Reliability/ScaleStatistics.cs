using MathNet.Numerics.LinearAlgebra;

namespace Evaluation.Scoring.Reliability;

/// <summary>psych's inner <c>alpha.1(C, R)</c>: the statistics recomputed for the whole scale and for each item dropped.</summary>
internal sealed record ScaleStatistics(
    double? RawAlpha,
    double? StandardizedAlpha,
    double? G6,
    double? AverageR,
    double? MedianR,
    double? VarianceR,
    double? SignalToNoise,
    double Q)
{
    public static ScaleStatistics Compute(Matrix<double> c, Matrix<double> r)
    {
        var k = c.RowCount;
        var sumC = c.Enumerate().Sum();
        var traceC = c.Trace();
        var sumR = r.Enumerate().Sum();
        var rawAlpha = (1 - traceC / sumC) * (k / (k - 1.0));
        var stdAlpha = (1 - k / sumR) * (k / (k - 1.0));
        var smc = Alpha.Smc(r);
        var g6 = 1 - (k - smc.Sum()) / sumR;
        var averageR = (sumR - k) / (k * (k - 1.0));
        var lower = new List<double>(k * (k - 1) / 2);
        for (var j = 0; j < k; j++)
        {
            for (var i = j + 1; i < k; i++)
            {
                lower.Add(r[i, j]);
            }
        }
        var signalToNoise = k * averageR / (1 - averageR);
        var cc = c * c;
        var q = 2.0 * k * k / ((k - 1.0) * (k - 1.0) * Math.Pow(sumC, 3)) *
                (sumC * (cc.Trace() + traceC * traceC) - 2 * (traceC * cc.Enumerate().Sum()));
        return new ScaleStatistics(Alpha.Finite(rawAlpha), Alpha.Finite(stdAlpha), Alpha.Finite(g6), Alpha.Finite(averageR),
            Alpha.Finite(Median(lower)), lower.Count > 1 ? Alpha.Finite(Moments.Of(lower).Variance) : null, Alpha.Finite(signalToNoise), q);
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        var middle = values.Count / 2;
        return values.Count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }
}
