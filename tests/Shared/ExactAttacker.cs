using System.Numerics;

namespace Evaluation.Tests;

/// <summary>
/// The attacker of the disclosure tests, written apart from the product's own test (no shared code): it knows which
/// cells every released figure sums over and that empty cells are empty, and asks, with exact rational arithmetic,
/// whether the released figures determine the sum over some group of 1 to minimum − 1 people: a set of non-empty cells
/// whose indicator is a linear combination of the released figures' indicators. Each figure stands for its n and, over
/// the same cells, n × mean; so a determined group is one whose count and total score can be worked out.
/// </summary>
internal static class ExactAttacker
{
    /// <returns>The cells of the first small group found (fewest cells first), or null when none can be worked out.</returns>
    public static int[]? FindSmallGroup(IReadOnlyList<int[]> released, IReadOnlyList<int> cellSizes, int minimum)
    {
        var known = cellSizes.Select((size, c) => (size, c)).Where(p => p.size > 0).Select(p => p.c).ToArray();
        var column = new Dictionary<int, int>();
        for (var i = 0; i < known.Length; i++)
        {
            column[known[i]] = i;
        }
        var basis = Reduce(released.Select(cells => Indicator(cells, column, known.Length)).ToList());
        var small = known.Where(c => cellSizes[c] < minimum).ToArray();
        foreach (var group in Groups(small, cellSizes, minimum - 1))
        {
            if (InSpan(basis, Indicator(group, column, known.Length)))
            {
                return group;
            }
        }
        return null;
    }

    /// <summary>Every set of the given cells holding 1 to <paramref name="most"/> people, smallest sets first.</summary>
    private static IEnumerable<int[]> Groups(int[] cells, IReadOnlyList<int> sizes, int most)
    {
        for (var count = 1; count <= most; count++)
        {
            foreach (var group in Choose(cells, 0, count, most, sizes))
            {
                yield return group;
            }
        }
    }

    private static IEnumerable<int[]> Choose(int[] cells, int from, int count, int room, IReadOnlyList<int> sizes)
    {
        if (count == 0)
        {
            yield return [];
            yield break;
        }
        for (var i = from; i < cells.Length; i++)
        {
            if (sizes[cells[i]] > room)
            {
                continue;
            }
            foreach (var rest in Choose(cells, i + 1, count - 1, room - sizes[cells[i]], sizes))
            {
                yield return [cells[i], .. rest];
            }
        }
    }

    private static Fraction[] Indicator(IEnumerable<int> cells, Dictionary<int, int> column, int width)
    {
        var row = Enumerable.Repeat(Fraction.Zero, width).ToArray();
        foreach (var cell in cells)
        {
            if (column.TryGetValue(cell, out var c))
            {
                row[c] = Fraction.One;
            }
        }
        return row;
    }

    /// <summary>Reduced row echelon form over the rationals: the non-zero rows, each with its pivot column.</summary>
    private static List<(int Pivot, Fraction[] Row)> Reduce(List<Fraction[]> rows)
    {
        var basis = new List<(int Pivot, Fraction[] Row)>();
        foreach (var original in rows)
        {
            var row = Residue(basis, original);
            var pivot = Array.FindIndex(row, v => !v.IsZero);
            if (pivot < 0)
            {
                continue;
            }
            var scale = row[pivot];
            row = row.Select(v => v / scale).ToArray();
            for (var b = 0; b < basis.Count; b++)
            {
                var factor = basis[b].Row[pivot];
                if (!factor.IsZero)
                {
                    basis[b] = (basis[b].Pivot, basis[b].Row.Select((v, k) => v - factor * row[k]).ToArray());
                }
            }
            basis.Add((pivot, row));
        }
        return basis;
    }

    private static Fraction[] Residue(List<(int Pivot, Fraction[] Row)> basis, Fraction[] vector)
    {
        var row = (Fraction[])vector.Clone();
        foreach (var (pivot, b) in basis)
        {
            var factor = row[pivot];
            if (!factor.IsZero)
            {
                for (var k = 0; k < row.Length; k++)
                {
                    row[k] -= factor * b[k];
                }
            }
        }
        return row;
    }

    private static bool InSpan(List<(int Pivot, Fraction[] Row)> basis, Fraction[] vector) => Residue(basis, vector).All(v => v.IsZero);

    /// <summary>An exact rational number, always in lowest terms with a positive denominator.</summary>
    private readonly record struct Fraction
    {
        public static readonly Fraction Zero = new(0, 1);
        public static readonly Fraction One = new(1, 1);

        private Fraction(BigInteger numerator, BigInteger denominator)
        {
            var gcd = BigInteger.GreatestCommonDivisor(numerator, denominator);
            if (denominator.Sign < 0)
            {
                gcd = -gcd;
            }
            (Numerator, Denominator) = gcd.IsZero ? (BigInteger.Zero, BigInteger.One) : (numerator / gcd, denominator / gcd);
        }

        public BigInteger Numerator { get; }
        public BigInteger Denominator { get; }
        public bool IsZero => Numerator.IsZero;

        public static Fraction operator -(Fraction a, Fraction b) => new(a.Numerator * b.Denominator - b.Numerator * a.Denominator, a.Denominator * b.Denominator);
        public static Fraction operator *(Fraction a, Fraction b) => new(a.Numerator * b.Numerator, a.Denominator * b.Denominator);
        public static Fraction operator /(Fraction a, Fraction b) => new(a.Numerator * b.Denominator, a.Denominator * b.Numerator);
    }
}
