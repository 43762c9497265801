using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;

namespace Evaluation.Scoring.Reliability;

/// <summary>
/// Cronbach's alpha and its companions exactly as <c>psych::alpha(x, check.keys = FALSE)</c> computes them
/// (psych 2.2.9, checked against it to 1e-10 by the golden tests): pairwise covariances C, R = cov2cor(C),
/// N = every row of the group for the intervals, items without variance left out as psych deletes them.
/// Items must already be keyed (reverse items recoded min + max − x). Pure; no NaN leaves this class.
/// </summary>
public static class Alpha
{
    /// <param name="itemIds">Item ids, one per column.</param>
    /// <param name="rows">One row per respondent, one keyed value or null per item.</param>
    /// <param name="listwise">Use only respondents who answered every item (psych on complete cases).</param>
    public static AlphaResult Compute(IReadOnlyList<string> itemIds, IReadOnlyList<double?[]> rows, bool listwise = false)
    {
        var columns = Enumerable.Range(0, itemIds.Count).Select(j =>
        {
            var column = new double[rows.Count];
            for (var row = 0; row < rows.Count; row++)
            {
                column[row] = rows[row][j] ?? double.NaN;
            }
            return column;
        }).ToArray();
        return Compute(itemIds, columns, listwise);
    }

    /// <summary>The same from column-major data (one array per item, NaN for a missing answer): every pass reads memory in order.</summary>
    public static AlphaResult Compute(IReadOnlyList<string> itemIds, double[][] columns, bool listwise = false)
    {
        if (listwise)
        {
            columns = CompleteCases(columns);
        }
        var n = columns.Length == 0 ? 0 : columns[0].Length;
        if (itemIds.Count < 2)
        {
            return AlphaResult.NotEstimated(ReliabilityStatus.TooFewItems, n, itemIds.Count);
        }
        if (n < 2)
        {
            return AlphaResult.NotEstimated(ReliabilityStatus.TooFewRespondents, n, itemIds.Count);
        }

        // psych deletes items with no variance (and keeps the first row's value of them in the total).
        var moments = columns.Select(column => Moments.OfAnswered(column)).ToList();
        var itemSd = moments.Select(m => m.StandardDeviation).ToList();
        if (moments.All(m => m.N < 2))
        {
            return AlphaResult.NotEstimated(ReliabilityStatus.TooFewRespondents, n, itemIds.Count);
        }
        var kept = Enumerable.Range(0, itemIds.Count).Where(j => itemSd[j] is > 0).ToList();
        var constant = Enumerable.Range(0, itemIds.Count).Except(kept).ToList();
        if (kept.Count < 2)
        {
            return AlphaResult.NotEstimated(ReliabilityStatus.TooFewItems, n, kept.Count) with
            {
                ConstantItemsLeftOut = constant.Select(j => itemIds[j]).ToList(),
            };
        }
        var x = kept.Select(j => columns[j]).ToArray();
        var k = kept.Count;

        var c = PairwiseCovariance(x, kept.Select(j => moments[j].N > 0 ? moments[j].Mean : 0).ToArray());
        if (c.Enumerate().Any(v => !double.IsFinite(v)))
        {
            return AlphaResult.NotEstimated(ReliabilityStatus.NotEstimable, n, k);
        }
        var r = CovarianceToCorrelation(c);
        var total = ScaleStatistics.Compute(c, r);
        var smc = Smc(r);

        // Scale score per respondent: mean of answered kept items, adjusted for left-out items as psych does.
        var sumConstant = constant.Sum(j => double.IsNaN(columns[j][0]) ? 0 : columns[j][0]);
        var sums = new double[n];
        var answeredCounts = new int[n];
        foreach (var column in x) // column by column, so memory is read in order
        {
            for (var row = 0; row < n; row++)
            {
                if (!double.IsNaN(column[row]))
                {
                    sums[row] += column[row];
                    answeredCounts[row]++;
                }
            }
        }
        var totals = new double[n];
        for (var row = 0; row < n; row++)
        {
            var mean = sums[row] / answeredCounts[row];
            totals[row] = answeredCounts[row] == 0 ? double.NaN : constant.Count == 0 ? mean : (k * mean + sumConstant) / (k + constant.Count);
        }

        var items = new List<ItemReliability>(k);
        var sumR = r.Enumerate().Sum();
        var rc = r.Clone();
        for (var i = 0; i < k; i++)
        {
            rc[i, i] = smc[i];
        }
        var sumRc = rc.Enumerate().Sum();
        for (var i = 0; i < k; i++)
        {
            var column = moments[kept[i]];
            var dropped = k > 2 ? ScaleStatistics.Compute(Without(c, i), Without(r, i)) : null;
            var other = 1 - i;
            var vDrop = Without(c, i).Enumerate().Sum();
            var cDrop = c.Column(i).Sum() - c[i, i];
            items.Add(new ItemReliability(
                itemIds[kept[i]],
                column.N,
                column.N > 0 ? column.Mean : null,
                column.StandardDeviation,
                Finite(PairwiseCorrelation(totals, x[i])),
                Finite(r.Column(i).Sum() / Math.Sqrt(sumR)),
                Finite(rc.Column(i).Sum() / Math.Sqrt(sumRc)),
                Finite(cDrop / Math.Sqrt(c[i, i] * vDrop)),
                // With two items psych reports the other item's regression on this one, and the shared r.
                k > 2 ? dropped!.RawAlpha : Finite(c[0, 1] / c[other, other]),
                k > 2 ? dropped!.StandardizedAlpha : Finite(r[0, 1]),
                k > 2 ? dropped!.G6 : Finite(smc[0]),
                k > 2 ? dropped!.AverageR : Finite(r[0, 1])));
        }

        var ase = Finite(Math.Sqrt(total.Q / n));
        var released = Answered(totals);
        var alpha = total.RawAlpha;
        return new AlphaResult(
            ReliabilityStatus.Estimated,
            n < AlphaResult.IndicativeBelow,
            n,
            k,
            alpha,
            total.StandardizedAlpha,
            total.G6,
            total.AverageR,
            total.MedianR,
            total.VarianceR,
            total.SignalToNoise,
            ase,
            alpha is { } a ? Feldt(a, n, k) : null,
            alpha is { } b && ase is { } e ? new Interval(b - 1.96 * e, b + 1.96 * e) : null,
            released.Count > 0 ? released.Average() : null,
            Moments.Of(released).StandardDeviation,
            items,
            constant.Select(j => itemIds[j]).ToList());
    }

    /// <summary>Feldt's 95 % interval: 1 − (1 − α)·F⁻¹(0.975 / 0.025; N − 1, (N − 1)(k − 1)), as psych::alpha.ci.</summary>
    private static Interval? Feldt(double alpha, int n, int k)
    {
        var df1 = n - 1.0;
        var df2 = (n - 1.0) * (k - 1);
        var lower = 1 - (1 - alpha) * FisherSnedecor.InvCDF(df1, df2, 0.975);
        var upper = 1 - (1 - alpha) * FisherSnedecor.InvCDF(df1, df2, 0.025);
        return double.IsFinite(lower) && double.IsFinite(upper) ? new Interval(lower, upper) : null;
    }

    /// <summary>
    /// R's <c>cov(x, use = "pairwise")</c>: each entry over the rows where both items are present. Each item is
    /// centred on its own mean with missing answers set to 0, so Σ z_a z_b over all rows is already the sum over
    /// the rows where both are present (one vectorised dot product per pair); the sums and counts for the pair
    /// are the item's totals corrected over the few rows where the other item is missing. Centring keeps
    /// (Σxy − ΣxΣy/n) free of cancellation: agrees with R's two-pass result to ~1e-15.
    /// </summary>
    /// <param name="means">Each column's mean (any shift works; the mean keeps the sums small).</param>
    internal static Matrix<double> PairwiseCovariance(double[][] columns, double[] means)
    {
        var k = columns.Length;
        var n = k == 0 ? 0 : columns[0].Length;
        var z = new double[k][];
        var total = new double[k];
        var missingRows = new List<int>[k];
        for (var a = 0; a < k; a++)
        {
            var shift = means[a];
            z[a] = new double[n];
            missingRows[a] = [];
            for (var r = 0; r < n; r++)
            {
                if (double.IsNaN(columns[a][r]))
                {
                    missingRows[a].Add(r);
                }
                else
                {
                    z[a][r] = columns[a][r] - shift;
                    total[a] += z[a][r];
                }
            }
        }

        // lostWhenMissing[a, b]: Σ z_a over the rows where b is missing; missingBoth[a, b]: rows where both are.
        var lostWhenMissing = new double[k, k];
        var missingBoth = new int[k, k];
        for (var a = 0; a < k; a++)
        {
            // Column a stays in cache while every other item's (ascending) missing rows are visited.
            var za = z[a];
            var xa = columns[a];
            for (var b = 0; b < k; b++)
            {
                double lost = 0;
                var both = 0;
                foreach (var r in missingRows[b])
                {
                    lost += za[r];
                    both += double.IsNaN(xa[r]) ? 1 : 0;
                }
                lostWhenMissing[a, b] = lost;
                missingBoth[a, b] = both;
            }
        }

        var c = Matrix<double>.Build.Dense(k, k);
        for (var a = 0; a < k; a++)
        {
            for (var b = a; b < k; b++)
            {
                long count = n - missingRows[a].Count - missingRows[b].Count + missingBoth[a, b];
                if (a == b)
                {
                    count = n - missingRows[a].Count;
                }
                if (count < 2)
                {
                    c[a, b] = c[b, a] = double.NaN;
                    continue;
                }
                var sumA = total[a] - lostWhenMissing[a, b];
                var sumB = total[b] - lostWhenMissing[b, a];
                c[a, b] = c[b, a] = (Dot(z[a], z[b]) - sumA * sumB / count) / (count - 1);
            }
        }
        return c;
    }

    private static double Dot(double[] x, double[] y)
    {
        var width = System.Numerics.Vector<double>.Count;
        var sums = System.Numerics.Vector<double>.Zero;
        var i = 0;
        for (; i <= x.Length - width; i += width)
        {
            sums += new System.Numerics.Vector<double>(x, i) * new System.Numerics.Vector<double>(y, i);
        }
        var sum = System.Numerics.Vector.Sum(sums);
        for (; i < x.Length; i++)
        {
            sum += x[i] * y[i];
        }
        return sum;
    }

    private static Matrix<double> CovarianceToCorrelation(Matrix<double> c)
    {
        var sd = c.Diagonal().Map(Math.Sqrt);
        return Matrix<double>.Build.Dense(c.RowCount, c.ColumnCount, (i, j) => i == j ? 1.0 : c[i, j] / (sd[i] * sd[j]));
    }

    /// <summary>Squared multiple correlations as psych::smc: 1 − 1/diag(Pinv(R)), clipped to [0, 1].</summary>
    internal static Vector<double> Smc(Matrix<double> r)
    {
        var inverse = PseudoInverse(r);
        return Vector<double>.Build.Dense(r.RowCount, i => Math.Clamp(1 - 1 / inverse[i, i], 0, 1));
    }

    /// <summary>psych::Pinv: SVD, singular values below sqrt(machine epsilon) × the largest dropped.</summary>
    private static Matrix<double> PseudoInverse(Matrix<double> m)
    {
        var svd = m.Svd(computeVectors: true);
        var tolerance = Math.Sqrt(2.220446049250313e-16) * svd.S[0];
        var inverse = Matrix<double>.Build.Dense(m.ColumnCount, m.RowCount);
        for (var s = 0; s < svd.S.Count; s++)
        {
            if (svd.S[s] > Math.Max(tolerance, 0))
            {
                inverse += svd.VT.Row(s).OuterProduct(svd.U.Column(s)) / svd.S[s];
            }
        }
        return inverse;
    }

    private static Matrix<double> Without(Matrix<double> m, int index) => m.RemoveRow(index).RemoveColumn(index);

    /// <summary>The answered values of a column (NaN = missing).</summary>
    private static List<double> Answered(double[] column)
    {
        var values = new List<double>(column.Length);
        foreach (var value in column)
        {
            if (!double.IsNaN(value))
            {
                values.Add(value);
            }
        }
        return values;
    }

    /// <summary>R's <c>cor(total, x[, item], use = "pairwise")</c>: two passes over the rows where both are present.</summary>
    private static double PairwiseCorrelation(double[] totals, double[] item)
    {
        double sumX = 0, sumY = 0;
        var count = 0;
        for (var r = 0; r < totals.Length; r++)
        {
            if (!double.IsNaN(totals[r]) && !double.IsNaN(item[r]))
            {
                sumX += totals[r];
                sumY += item[r];
                count++;
            }
        }
        if (count < 2)
        {
            return double.NaN;
        }
        double meanX = sumX / count, meanY = sumY / count, sxy = 0, sxx = 0, syy = 0;
        for (var r = 0; r < totals.Length; r++)
        {
            if (!double.IsNaN(totals[r]) && !double.IsNaN(item[r]))
            {
                double a = totals[r] - meanX, b = item[r] - meanY;
                sxy += a * b;
                sxx += a * a;
                syy += b * b;
            }
        }
        return sxy / Math.Sqrt(sxx * syy);
    }

    internal static double? Finite(double value) => double.IsFinite(value) ? value : null;

    /// <summary>Only the respondents who answered every item (psych on <c>na.omit(x)</c>).</summary>
    private static double[][] CompleteCases(double[][] columns)
    {
        var n = columns.Length == 0 ? 0 : columns[0].Length;
        var complete = Enumerable.Range(0, n).Where(row => columns.All(column => !double.IsNaN(column[row]))).ToArray();
        return columns.Select(column => complete.Select(row => column[row]).ToArray()).ToArray();
    }
}
