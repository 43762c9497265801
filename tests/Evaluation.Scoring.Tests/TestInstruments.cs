using Evaluation.Instruments;

namespace Evaluation.Scoring.Tests;

/// <summary>Small instruments built in code, so each test controls exactly the items, rules and bands it checks.</summary>
internal static class TestInstruments
{
    private static LocalizedText T(string text) => new(new Dictionary<string, string> { ["en"] = text });

    public static Item Item(string id, bool reverse = false, IReadOnlyList<string>? groups = null) => new(id, T(id), null, reverse, groups);

    public static Factor Factor(string id, params Item[] items) => new(id, T(id), items);

    /// <summary>Default rules: factor ≥ 1/2 of its items (≥ 1), domain ≥ 2/3 of its factors (≥ 1); bands low &lt; 2.5 ≤ medium &lt; 3.5 ≤ high.</summary>
    public static SurveyInstrument With(params Domain[] domains) => new(
        null, SurveyInstrument.KindName, "test", "1", T("Test"), T("Test"), ["en"],
        new Dictionary<string, TranslationStatus>(),
        [new StakeholderGroup("care-worker", T("Care workers"), T("Care workers")), new StakeholderGroup("drawing-on-care", T("People drawing on care"), T("People drawing on care"))],
        new ResponseScale(1, 5, Enumerable.Range(1, 5).Select(v => new ScaleLabel(v, T(v.ToString(System.Globalization.CultureInfo.InvariantCulture)))).ToList(), T("n/a")),
        new ScoringRules(new MinimumShare(1, 2, 1), new MinimumShare(2, 3, 1)),
        [
            new Band("low", T("Low"), null, new BandLimit(2.5, false)),
            new Band("medium", T("Medium"), new BandLimit(2.5, true), new BandLimit(3.5, false)),
            new Band("high", T("High"), new BandLimit(3.5, true), null),
        ],
        domains);

    public static Domain Domain(string id, params Factor[] factors) =>
        new(id, T(id), T(id), new Dictionary<string, BandNarrative>(), factors);

    public static ResponseAnswers Answers(string group, params (string Item, int? Value)[] answers) =>
        new("circle-a", group, "self", answers.ToDictionary(a => a.Item, a => a.Value));

    public static ResponseAnswers Answers(params (string Item, int? Value)[] answers) => Answers("care-worker", answers);
}
