using System.Diagnostics;
using System.Globalization;
using Evaluation.Instruments;
using Evaluation.Scoring;
using Evaluation.Scoring.Reliability;

// Usage: Evaluation.Benchmarks scoring N | reliability CSV | generate-csv N ITEMS PATH | stored-wave N | funder-report N | wave-decision
// Prints "name seconds" lines that run.sh turns into figures and ratios.
return args switch
{
    ["scoring", var n] => Scoring(int.Parse(n, CultureInfo.InvariantCulture)),
    ["reliability", var csv] => Reliability(csv),
    ["generate-csv", var n, var items, var path] => Generate(int.Parse(n, CultureInfo.InvariantCulture), int.Parse(items, CultureInfo.InvariantCulture), path),
    ["stored-wave", var n] => await StoredWave.RunAsync(int.Parse(n, CultureInfo.InvariantCulture)),
    ["funder-report", var n] => await FunderReport.RunAsync(int.Parse(n, CultureInfo.InvariantCulture)),
    ["wave-decision"] => WaveDecision.Run(),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Evaluation.Benchmarks scoring N | reliability CSV | generate-csv N ITEMS PATH | stored-wave N | funder-report N | wave-decision");
    return 2;
}

// 1. In-memory scoring of N responses × 24 items (3 domains × 2 factors × 4 items, 2 reverse-keyed per domain,
//    minimum-answered rules, 5 % missing) by the engine, against a plain loop doing the same arithmetic.
static int Scoring(int n)
{
    var instrument = BenchInstrument();
    var items = instrument.Items.ToList();
    var random = new Random(1);
    var data = new int?[n][];
    for (var r = 0; r < n; r++)
    {
        data[r] = items.Select(_ => random.NextDouble() < 0.05 ? (int?)null : random.Next(1, 6)).ToArray();
    }
    var reverse = items.Select(i => i.Reverse).ToArray();
    var rows = data.Select(row => row.Select(v => (byte)(v ?? 0)).ToArray()).ToArray(); // both read the same packed rows

    var floor = Stopwatch.StartNew();
    double floorSum = 0;
    foreach (var row in rows)
    {
        for (var d = 0; d < 3; d++)
        {
            double domainSum = 0;
            var validFactors = 0;
            for (var f = 0; f < 2; f++)
            {
                double sum = 0;
                var answered = 0;
                for (var i = 0; i < 4; i++)
                {
                    var index = d * 8 + f * 4 + i;
                    if (row[index] is var v && v != 0)
                    {
                        sum += reverse[index] ? 6 - v : v;
                        answered++;
                    }
                }
                if (answered * 2 >= 4)
                {
                    domainSum += sum / answered;
                    validFactors++;
                }
            }
            if (validFactors * 3 >= 2 * 2)
            {
                floorSum += domainSum / validFactors;
            }
        }
    }
    floor.Stop();

    var plan = new ScoringPlan(instrument, "care-worker", items.Select(i => i.Id).ToList());
    var scores = new double[plan.DomainCount];
    var engine = Stopwatch.StartNew();
    double engineSum = 0;
    foreach (var row in rows)
    {
        plan.Score(row, scores);
        foreach (var score in scores)
        {
            engineSum += double.IsNaN(score) ? 0 : score;
        }
    }
    engine.Stop();
    if (Math.Abs(engineSum - floorSum) > 1e-6 * Math.Abs(floorSum))
    {
        Console.Error.WriteLine($"engine and floor disagree: {engineSum} vs {floorSum}");
        return 1;
    }
    Console.WriteLine(FormattableString.Invariant($"scoring_floor {floor.Elapsed.TotalSeconds:0.000}"));
    Console.WriteLine(FormattableString.Invariant($"scoring_engine {engine.Elapsed.TotalSeconds:0.000}"));
    return 0;
}

// 2. Reliability of one scale: every column of CSV (empty = missing) as an item, as psych::alpha on the same file.
static int Reliability(string csv)
{
    var lines = File.ReadAllLines(csv);
    var header = lines[0].Split(',');
    // Column-major, NaN for missing: the form analyze and the scorer hand to Alpha.
    var cells = lines.Skip(1).Select(line => line.Split(',')).ToList();
    var columns = header.Select((_, j) => cells.Select(row => row[j].Length == 0 ? double.NaN : double.Parse(row[j], CultureInfo.InvariantCulture)).ToArray()).ToArray();
    // Steady state, as in a running service: two full warm-up runs let the JIT reach its optimised tier.
    Alpha.Compute(header, columns);
    Alpha.Compute(header, columns);
    Thread.Sleep(200);
    var watch = Stopwatch.StartNew();
    var result = Alpha.Compute(header, columns);
    watch.Stop();
    Console.WriteLine(FormattableString.Invariant($"reliability_engine {watch.Elapsed.TotalSeconds:0.000}"));
    Console.WriteLine(FormattableString.Invariant($"reliability_alpha {result.RawAlpha:R}"));
    return 0;
}

static int Generate(int n, int itemCount, string path)
{
    var random = new Random(2);
    using var writer = new StreamWriter(path);
    writer.WriteLine(string.Join(',', Enumerable.Range(1, itemCount).Select(i => $"i{i:00}")));
    for (var r = 0; r < n; r++)
    {
        var trait = random.NextDouble() * 3;
        writer.WriteLine(string.Join(',', Enumerable.Range(0, itemCount).Select(_ => random.NextDouble() < 0.05
            ? ""
            : Math.Clamp((int)Math.Round(1 + trait + random.NextDouble() * 2 - 1), 1, 5).ToString(CultureInfo.InvariantCulture))));
    }
    return 0;
}

static SurveyInstrument BenchInstrument()
{
    static LocalizedText T(string text) => new(new Dictionary<string, string> { ["en"] = text });
    var domains = Enumerable.Range(0, 3).Select(d => new Domain($"d{d}", T("d"), T("d"), new Dictionary<string, BandNarrative>(),
        Enumerable.Range(0, 2).Select(f => new Factor($"d{d}f{f}", T("f"),
            Enumerable.Range(0, 4).Select(i => new Item($"d{d}f{f}i{i}", T("i"), null, Reverse: i == 3)).ToList())).ToList())).ToList();
    return new SurveyInstrument(null, SurveyInstrument.KindName, "bench", "1", T("b"), T("b"), ["en"], new Dictionary<string, TranslationStatus>(),
        [new StakeholderGroup("care-worker", T("w"), T("w"))],
        new ResponseScale(1, 5, [], T("n/a")),
        new ScoringRules(new MinimumShare(1, 2, 1), new MinimumShare(2, 3, 1)),
        [new Band("low", T("l"), null, new BandLimit(2.5, false)), new Band("medium", T("m"), new BandLimit(2.5, true), new BandLimit(3.5, false)),
         new Band("high", T("h"), new BandLimit(3.5, true), null)],
        domains);
}
