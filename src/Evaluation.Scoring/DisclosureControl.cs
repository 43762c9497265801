namespace Evaluation.Scoring;

/// <summary>
/// Small-group protection. No released figure rests on fewer than <see cref="MinimumCellSize"/> respondents,
/// and in a breakdown the suppressed cells together hold either nobody or at least the minimum, so a hidden
/// cell cannot be recomputed from the released total and the other cells.
/// </summary>
public sealed class DisclosureControl
{
    public const int DefaultMinimumCellSize = 5;

    public DisclosureControl(int minimumCellSize = DefaultMinimumCellSize)
    {
        if (minimumCellSize < DefaultMinimumCellSize)
        {
            throw new ArgumentOutOfRangeException(nameof(minimumCellSize), minimumCellSize,
                $"The minimum cell size can only be raised above {DefaultMinimumCellSize}, never lowered.");
        }
        MinimumCellSize = minimumCellSize;
    }

    public int MinimumCellSize { get; }

    public bool MayRelease(int n) => n >= MinimumCellSize;

    /// <summary>Which cells of a breakdown (given by their n) must be hidden.</summary>
    public IReadOnlySet<int> CellsToSuppress(IReadOnlyList<int> cellSizes)
    {
        var hidden = new HashSet<int>(Enumerable.Range(0, cellSizes.Count).Where(i => cellSizes[i] > 0 && !MayRelease(cellSizes[i])));
        var hiddenTotal = hidden.Sum(i => cellSizes[i]);
        // Complementary suppression: add the next-smallest released cells until the hidden ones together
        // reach the minimum, so "total minus the released cells" never reveals a small group.
        var candidates = Enumerable.Range(0, cellSizes.Count)
            .Where(i => !hidden.Contains(i) && cellSizes[i] > 0)
            .OrderBy(i => cellSizes[i]).ThenBy(i => i)
            .ToList();
        foreach (var candidate in candidates)
        {
            if (hiddenTotal == 0 || hiddenTotal >= MinimumCellSize)
            {
                break;
            }
            hidden.Add(candidate);
            hiddenTotal += cellSizes[candidate];
        }
        return hidden;
    }
}
