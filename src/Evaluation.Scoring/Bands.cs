using Evaluation.Instruments;

namespace Evaluation.Scoring;

/// <summary>
/// Band classification on unrounded scores, free of floating-point noise. A domain score of exactly 10/4
/// summed in double arithmetic is 2.4999999999999996; converted to decimal (15 significant digits) it is 2.5
/// again and falls in the right band. Real differences are kept: two different scores on a 1–5 scale, or two
/// different means of up to millions of them, differ in far fewer than 15 significant digits.
/// </summary>
public static class Bands
{
    public static Band Classify(SurveyInstrument instrument, double value) => Classify(instrument, (decimal)value);

    /// <summary>The band of the mean of <paramref name="values"/>, the mean taken in decimal arithmetic.</summary>
    public static Band ClassifyMean(SurveyInstrument instrument, IReadOnlyList<double> values) =>
        Classify(instrument, values.Sum(v => (decimal)v) / values.Count);

    private static Band Classify(SurveyInstrument instrument, decimal value) =>
        instrument.Bands.FirstOrDefault(band => band.Contains(value))
        ?? throw new ArgumentOutOfRangeException(nameof(value), value, "No band contains this value; was the instrument validated?");
}
