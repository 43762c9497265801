namespace Evaluation.Scoring.Disclosure;

/// <summary>
/// Small-group protection: the minimum cell size. No released figure rests on fewer than <see cref="MinimumCellSize"/>
/// respondents; which other figures must be hidden so that none can be worked out is the wave's one decision,
/// <see cref="WaveDisclosure"/>.
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
}
