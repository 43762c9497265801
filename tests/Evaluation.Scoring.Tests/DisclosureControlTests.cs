namespace Evaluation.Scoring.Tests;

public class DisclosureControlTests
{
    private static readonly DisclosureControl Control = new();

    [Theory]
    [InlineData(4)]
    [InlineData(0)]
    [InlineData(-1)]
    public void Constructor_BelowFive_IsRefused(int minimum) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new DisclosureControl(minimum));

    [Fact]
    public void Constructor_AboveFive_IsAllowed() => Assert.Equal(10, new DisclosureControl(10).MinimumCellSize);

    [Theory]
    [InlineData(new[] { 10, 20, 30 }, new int[0])]
    [InlineData(new[] { 0, 7, 8 }, new int[0])]          // an empty cell reveals nobody
    [InlineData(new[] { 10, 3, 20 }, new[] { 0, 1 })]    // one small cell: hide the next-smallest too
    [InlineData(new[] { 20, 2, 2 }, new[] { 0, 1, 2 })]  // two small cells hold 4 together: hide a third
    [InlineData(new[] { 6, 4, 1, 9 }, new[] { 1, 2 })]     // 4 + 1 = 5 together: enough
    [InlineData(new[] { 5, 5 }, new int[0])]
    [InlineData(new[] { 4 }, new[] { 0 })]
    [InlineData(new[] { 3, 3, 9 }, new[] { 0, 1 })]      // 3 + 3 = 6 ≥ 5: no third cell needed
    public void CellsToSuppress_HidesSmallCellsAndTheirComplement(int[] sizes, int[] hidden) =>
        Assert.Equal(hidden, Control.CellsToSuppress(sizes).Order());

    [Fact]
    public void CellsToSuppress_RandomBreakdowns_NeverLetASmallGroupBeRecomputed()
    {
        // Property over 20 000 seeded random breakdowns: every released cell holds ≥ 5, and the hidden cells
        // together hold 0 or ≥ 5, so "total − released cells" never reveals fewer than 5 people.
        var random = new Random(2611);
        for (var run = 0; run < 20_000; run++)
        {
            var minimum = random.Next(5, 12);
            var control = new DisclosureControl(minimum);
            var sizes = Enumerable.Range(0, random.Next(1, 8)).Select(_ => random.Next(0, 3) == 0 ? random.Next(0, minimum) : random.Next(0, 40)).ToArray();
            var hidden = control.CellsToSuppress(sizes);
            var hiddenTotal = hidden.Sum(i => sizes[i]);
            Assert.True(hiddenTotal == 0 || hiddenTotal >= minimum || sizes.Sum() < minimum, $"sizes [{string.Join(", ", sizes)}] hid {hiddenTotal}");
            Assert.All(Enumerable.Range(0, sizes.Length).Where(i => !hidden.Contains(i)), i => Assert.True(sizes[i] == 0 || sizes[i] >= minimum));
        }
    }
}
