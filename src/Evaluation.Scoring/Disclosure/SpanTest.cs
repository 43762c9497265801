using System.Numerics;

namespace Evaluation.Scoring.Disclosure;

/// <summary>
/// The exact test behind linked suppression. Each released figure of one quantity is a sum over a set of cells (its
/// n, and n times its mean: the same cells). A reader can work out the sum over any cell set whose indicator lies in
/// the span of the released figures' indicators. The figures are safe when no such set is a group of 1 to minimum − 1
/// people: no union of small cells (1 to minimum − 1 people each; empty cells count as known) holding fewer than the
/// minimum together has its indicator in the span.
/// </summary>
/// <remarks>
/// Such an indicator is zero on every large cell, so it lies in W = span ∩ (vectors on small cells only). Eliminating
/// with the large cells' columns first, the rows whose pivots fall in small cells' columns are a basis of W (row echelon
/// form: the pivots among the first k columns are the rank of those columns), dim W of them. Reduced so that each is
/// zero at the others' pivots, a 0/1 vector of W is the sum of the basis rows, each divided by its pivot, whose pivots
/// it holds: so the groups that can be worked out are found among the sets of at most minimum − 1 pivots whose cells
/// hold fewer than the minimum together. Exact integer arithmetic (fraction-free elimination, each row divided by its
/// gcd): in 64 bits, redone with <see cref="BigInteger"/> should a value ever overflow.
/// </remarks>
internal static class SpanTest
{
    /// <param name="Safe">No group of 1 to minimum − 1 people can be worked out.</param>
    /// <param name="Dimension">dim W, what hiding figures must bring down while some group can be worked out.</param>
    /// <param name="Involved">The figures (indexes into the rows given) that take part in a basis of W: hiding any
    /// other figure leaves W as it is.</param>
    public readonly record struct Result(bool Safe, int Dimension, IReadOnlyList<int> Involved);

    /// <param name="figures">Each released figure's cells (indexes into <paramref name="cellSizes"/>).</param>
    public static Result Run(IReadOnlyList<int[]> figures, IReadOnlyList<int> cellSizes, int minimum)
    {
        // Columns: large cells first, then small ones; empty cells are dropped (a reader may know them empty).
        var column = new int[cellSizes.Count];
        var large = 0;
        var small = 0;
        for (var c = 0; c < cellSizes.Count; c++)
        {
            column[c] = cellSizes[c] >= minimum ? large++ : -1;
        }
        for (var c = 0; c < cellSizes.Count; c++)
        {
            if (cellSizes[c] is > 0 && cellSizes[c] < minimum)
            {
                column[c] = large + small++;
            }
            else if (cellSizes[c] <= 0)
            {
                column[c] = -1;
            }
        }
        if (small == 0 || !figures.Any(cells => cells.Any(c => column[c] >= large)))
        {
            return new Result(true, 0, []);
        }
        try
        {
            return Eliminate<long>(figures, column, cellSizes, minimum, large, large + small);
        }
        catch (OverflowException)
        {
            return Eliminate<BigInteger>(figures, column, cellSizes, minimum, large, large + small);
        }
    }

    private static Result Eliminate<T>(IReadOnlyList<int[]> figures, int[] column, IReadOnlyList<int> cellSizes, int minimum, int large, int columns)
        where T : IBinaryInteger<T>
    {
        // Each row: the figure's indicator over the columns, then which figures it is made of (its history).
        var width = columns + figures.Count;
        var rows = new List<T[]>(figures.Count);
        for (var f = 0; f < figures.Count; f++)
        {
            var row = new T[width];
            foreach (var cell in figures[f])
            {
                if (column[cell] >= 0)
                {
                    row[column[cell]] = T.One;
                }
            }
            row[columns + f] = T.One;
            rows.Add(row);
        }
        var dimension = 0;
        var involved = new SortedSet<int>();
        var basis = new List<(int Pivot, T[] Row)>(); // of W
        var next = 0; // rows before it hold pivots
        for (var col = 0; col < columns && next < rows.Count; col++)
        {
            var pivot = -1;
            for (var r = next; r < rows.Count; r++)
            {
                if (!T.IsZero(rows[r][col]))
                {
                    pivot = r;
                    break;
                }
            }
            if (pivot < 0)
            {
                continue;
            }
            (rows[next], rows[pivot]) = (rows[pivot], rows[next]);
            var p = rows[next];
            for (var r = next + 1; r < rows.Count; r++)
            {
                var row = rows[r];
                var b = row[col];
                if (T.IsZero(b))
                {
                    continue;
                }
                var a = p[col];
                for (var k = col; k < width; k++)
                {
                    row[k] = checked(a * row[k] - b * p[k]);
                }
                Normalise(row, col);
            }
            if (col >= large)
            {
                dimension++;
                basis.Add((col, p[large..columns]));
                for (var f = 0; f < figures.Count; f++)
                {
                    if (!T.IsZero(p[columns + f]))
                    {
                        involved.Add(f);
                    }
                }
            }
            next++;
        }
        if (dimension == 0)
        {
            return new Result(true, 0, []);
        }
        var size = new int[columns - large];
        for (var c = 0; c < column.Length; c++)
        {
            if (column[c] >= large)
            {
                size[column[c] - large] = cellSizes[c];
            }
        }
        return new Result(!AnySmallGroup(Reduced(basis, large), size, minimum), dimension, involved.ToList());
    }

    /// <summary>The basis of W, each row zero at every other row's pivot (columns counted from the first small cell).</summary>
    private static List<(int Pivot, T[] Row)> Reduced<T>(List<(int Pivot, T[] Row)> basis, int large) where T : IBinaryInteger<T>
    {
        var rows = basis.Select(b => (Pivot: b.Pivot - large, b.Row)).ToList();
        for (var i = 0; i < rows.Count; i++)
        {
            var (pivot, row) = rows[i];
            for (var j = 0; j < rows.Count; j++)
            {
                var other = rows[j].Row;
                if (j == i || T.IsZero(other[pivot]))
                {
                    continue;
                }
                var (a, b) = (row[pivot], other[pivot]);
                for (var k = 0; k < other.Length; k++)
                {
                    other[k] = checked(a * other[k] - b * row[k]);
                }
                Normalise(other, 0);
            }
        }
        return rows;
    }

    /// <summary>Whether some set of basis rows, each divided by its pivot value, sums to the 0/1 indicator of fewer than <paramref name="minimum"/> people.</summary>
    private static bool AnySmallGroup<T>(List<(int Pivot, T[] Row)> basis, int[] size, int minimum) where T : IBinaryInteger<T>
    {
        var chosen = new List<int>();
        bool Search(int from, int people)
        {
            for (var i = from; i < basis.Count; i++)
            {
                var more = people + size[basis[i].Pivot];
                if (more >= minimum)
                {
                    continue;
                }
                chosen.Add(i);
                if (IsSmallGroup(chosen, basis, size, minimum) || (chosen.Count < minimum - 1 && Search(i + 1, more)))
                {
                    return true;
                }
                chosen.RemoveAt(chosen.Count - 1);
            }
            return false;
        }
        return Search(0, 0);
    }

    private static bool IsSmallGroup<T>(List<int> chosen, List<(int Pivot, T[] Row)> basis, int[] size, int minimum) where T : IBinaryInteger<T>
    {
        // Σ row / pivot value, over a common denominator.
        var denominator = T.One;
        foreach (var i in chosen)
        {
            var d = T.Abs(basis[i].Row[basis[i].Pivot]);
            denominator = checked(denominator / Gcd(denominator, d) * d);
        }
        var people = 0;
        for (var k = 0; k < size.Length; k++)
        {
            var value = T.Zero;
            foreach (var i in chosen)
            {
                var (pivot, row) = basis[i];
                value = checked(value + row[k] * (denominator / row[pivot]));
            }
            if (value == denominator)
            {
                people += size[k];
            }
            else if (!T.IsZero(value))
            {
                return false;
            }
        }
        return people is > 0 && people < minimum;
    }

    /// <summary>Divides a row (zero before <paramref name="from"/>) by the gcd of its entries, so values stay small.</summary>
    private static void Normalise<T>(T[] row, int from) where T : IBinaryInteger<T>
    {
        var gcd = T.Zero;
        for (var k = from; k < row.Length && gcd != T.One; k++)
        {
            if (!T.IsZero(row[k]))
            {
                gcd = Gcd(gcd, T.Abs(row[k]));
            }
        }
        if (gcd > T.One)
        {
            for (var k = from; k < row.Length; k++)
            {
                row[k] /= gcd;
            }
        }
    }

    private static T Gcd<T>(T a, T b) where T : IBinaryInteger<T>
    {
        while (!T.IsZero(b))
        {
            (a, b) = (b, a % b);
        }
        return a;
    }
}
