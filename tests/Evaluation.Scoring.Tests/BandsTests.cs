namespace Evaluation.Scoring.Tests;

public class BandsTests
{
    private static readonly Evaluation.Instruments.SurveyInstrument Instrument = TestInstruments.With();

    [Fact]
    public void ClassifyMean_OfScoresAveragingExactlyTheThreshold_IsTheUpperBand()
    {
        // These three average to exactly 2.5, but their double mean is 2.4999999999999996.
        double[] values = [1.4, 2.8, 3.3];
        Assert.True(values.Average() < 2.5);
        Assert.Equal("medium", Bands.ClassifyMean(Instrument, values).Id);
    }

    [Fact]
    public void ClassifyMean_OfAMillionScoresJustBelowTheThreshold_StaysLow()
    {
        // 999 999 scores of 2.5 and one of 2.4: the mean is 2.5 − 1e-7, a real difference that must survive.
        var values = Enumerable.Repeat(2.5, 999_999).Append(2.4).ToList();
        Assert.Equal("low", Bands.ClassifyMean(Instrument, values).Id);
    }
}
