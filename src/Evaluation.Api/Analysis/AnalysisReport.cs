using Evaluation.Scoring;
using Evaluation.Scoring.Change;
using Evaluation.Scoring.Reliability;

namespace Evaluation.Api.Analysis;

/// <summary>The JSON that <c>analyze</c> prints (documented in the README). Intervals are [lower, upper] arrays.</summary>
public sealed record AnalysisReport(
    string Responses,
    string? GroupColumn,
    int ScaleMin,
    int ScaleMax,
    string Reliability,
    IReadOnlyList<AnalysisGroup> Groups,
    IReadOnlyList<AnalysisChange> Changes);

public sealed record AnalysisGroup(string Name, int Rows, IReadOnlyList<AnalysisDomain> Domains);

/// <param name="N">Respondents (rows) in the group, as psych counts them.</param>
public sealed record AnalysisDomain(string Id, int N, ScoreSummary Score, ReliabilityOutput Reliability, IReadOnlyList<AnalysisFactor> Factors);

public sealed record AnalysisFactor(string Id, int N, ScoreSummary Score, ReliabilityOutput Reliability);

/// <summary>
/// Domain or factor scores by the product's minimum-answered rule (n, mean, SD, SE, t interval, and with an
/// instrument's bands how many fall in each), and psych's scale mean and SD (mean of answered items, no minimum)
/// for direct comparison with R.
/// </summary>
public sealed record ScoreSummary(int N, double? Mean, double? Sd, double? Se, double[]? Ci95, double? ScaleMean, double? ScaleSd,
    IReadOnlyList<BandShare>? Bands);

public sealed record BandShare(string Id, int Count, double Share);

public sealed record ReliabilityOutput(
    string Status,
    bool IndicativeOnly,
    double? RawAlpha,
    double? StandardizedAlpha,
    double? G6,
    double? AverageR,
    double? MedianR,
    double? SignalToNoise,
    double? Ase,
    double[]? Feldt95,
    double[]? Duhachek95,
    IReadOnlyList<ItemOutput> Items,
    IReadOnlyList<string> ConstantItemsLeftOut)
{
    public static ReliabilityOutput From(AlphaResult alpha) => new(
        Kebab(alpha.Status.ToString()), alpha.IndicativeOnly, alpha.RawAlpha, alpha.StandardizedAlpha, alpha.G6, alpha.AverageR, alpha.MedianR,
        alpha.SignalToNoise, alpha.Ase, Pair(alpha.Feldt95), Pair(alpha.Duhachek95),
        alpha.ItemStatistics.Select(i => new ItemOutput(i.Id, i.N, i.Mean, i.Sd, i.RawR, i.StdR, i.RDrop, i.AlphaIfDropped)).ToList(),
        alpha.ConstantItemsLeftOut);

    internal static string Kebab(string name) => System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(name);

    internal static double[]? Pair(Interval? interval) => interval is null ? null : [interval.Lower, interval.Upper];
}

public sealed record ItemOutput(string Id, int N, double? Mean, double? Sd, double? RawR, double? StdR, double? RDrop, double? AlphaIfDropped);

public sealed record TestOutput(double T, double Df, double P, double[] Ci95)
{
    public static TestOutput? From(TTest? test) => test is null ? null : new(test.T, test.Df, test.P, [test.Ci95.Lower, test.Ci95.Upper]);
}

/// <summary>
/// Change from one group to the next on the product's domain scores, with the verdict; <see cref="PsychScale"/>
/// repeats the tests on psych's scale scores (mean of answered items), as R's t.test on them gives.
/// </summary>
public sealed record AnalysisChange(
    string From,
    string To,
    string Domain,
    int NFrom,
    int NTo,
    double? Difference,
    TestOutput? Welch,
    TestOutput? Student,
    double? CohenD,
    double? HedgesG,
    double? MeaningfulChange,
    string Verdict,
    bool IndicativeOnly,
    ScaleChange PsychScale);

public sealed record ScaleChange(int NFrom, int NTo, double? Difference, TestOutput? Welch, TestOutput? Student, double? CohenD, double? HedgesG)
{
    public static ScaleChange From(WaveChange change) => new(change.NFrom, change.NTo, change.Difference,
        TestOutput.From(change.Welch), TestOutput.From(change.Student), change.CohenD, change.HedgesG);
}
