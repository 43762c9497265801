using System.Diagnostics;
using Evaluation.Scoring.Disclosure;

/// <summary>
/// The disclosure decision of issue 17 at 50 circles × 5 stakeholder groups × 2 completion modes, 3 domains and 12
/// factors, for two waves: cell sizes drawn as the property tests draw them (a quarter empty, a third 1–4, the rest
/// 5–15), some people answering too little of a domain or factor for it to score, so its tables differ. Prints the
/// time of the two waves' decisions (median of 9 co-ops), the share of figures each hides, and the ratio to 200 ms.
/// </summary>
internal static class WaveDecision
{
    /// <summary>Cells drawn empty up to 0.25, small up to this (DECISION_SMALL_SHARE, default 0.58: a third small), large above.</summary>
    private static readonly double Small = double.Parse(Environment.GetEnvironmentVariable("DECISION_SMALL_SHARE") ?? "0.58",
        System.Globalization.CultureInfo.InvariantCulture);

    public static int Run()
    {
        const int circles = 50, groups = 5, modes = 2, domains = 3, factors = 12;
        var times = new List<double>();
        var shares = new List<double>();
        for (var coop = 0; coop < 9; coop++)
        {
            var random = new Random(17 + coop);
            var waves = Enumerable.Range(0, 2).Select(_ => Wave(random, circles, groups, modes, domains, factors)).ToList();
            WaveDisclosure.Decide(waves[0], new DisclosureControl()); // warm
            var clock = Stopwatch.StartNew();
            var decisions = waves.Select(w => WaveDisclosure.Decide(w, new DisclosureControl())).ToList();
            times.Add(clock.Elapsed.TotalMilliseconds);
            shares.AddRange(waves.Select((w, i) => HiddenShare(w, decisions[i])));
        }
        times.Sort();
        Console.WriteLine($"decision_ms {times[times.Count / 2]:0.0}");
        Console.WriteLine($"decision_max_ms {times[^1]:0.0}");
        Console.WriteLine($"hidden_share {shares.Average():0.000}");
        return 0;
    }

    private static WaveCells Wave(Random random, int circles, int groups, int modes, int domains, int factors)
    {
        var responses = new int[circles * groups * modes];
        var people = new int[circles * groups];
        for (var cell = 0; cell < people.Length; cell++)
        {
            var roll = random.NextDouble();
            people[cell] = roll < 0.25 ? 0 : roll < Small ? random.Next(1, 5) : random.Next(5, 16);
            var paper = random.Next(0, people[cell] / 3 + 1);
            (responses[cell * modes], responses[cell * modes + 1]) = (people[cell] - paper, paper);
        }
        int[] Scored() => people.Select(n => n - Enumerable.Range(0, n).Count(_ => random.NextDouble() < 0.03)).ToArray();
        return new WaveCells(circles, groups, modes, responses, Enumerable.Range(0, domains).Select(_ => Scored()).ToList(),
            Enumerable.Range(0, factors).Select(_ => Scored()).ToList());
    }

    /// <summary>Of the figures with anyone in them (circles, groups, modes and the wave), the share not released.</summary>
    private static double HiddenShare(WaveCells wave, WaveDisclosure decision)
    {
        var figures = new List<(Region Region, int N)> { (Region.Wave, wave.Responses.Sum()) };
        figures.AddRange(Enumerable.Range(0, wave.Circles).Select(c => (new Region(RegionKind.Circle, c),
            Enumerable.Range(0, wave.Groups * wave.Modes).Sum(k => wave.Responses[c * wave.Groups * wave.Modes + k]))));
        figures.AddRange(Enumerable.Range(0, wave.Groups).Select(g => (new Region(RegionKind.StakeholderGroup, g),
            Enumerable.Range(0, wave.Circles).Sum(c => wave.Responses[(c * wave.Groups + g) * wave.Modes] + wave.Responses[(c * wave.Groups + g) * wave.Modes + 1]))));
        var present = figures.Where(f => f.N > 0).ToList();
        return present.Count(f => decision.Judge(f.Region, f.N).Status != Evaluation.Scoring.CellStatus.Released) / (double)present.Count;
    }
}
