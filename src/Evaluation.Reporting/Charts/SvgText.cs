using System.Globalization;

namespace Evaluation.Reporting.Charts;

/// <summary>What the SVG charts share: invariant numbers and words wrapped into short lines (SVG text does not wrap).</summary>
internal static class SvgText
{
    public static string N(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>Words into lines of at most <paramref name="width"/> characters (a longer word keeps its own line).</summary>
    public static IEnumerable<string> Wrap(string text, int width)
    {
        var line = "";
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                yield return line;
                line = word;
            }
            else
            {
                line = line.Length == 0 ? word : line + " " + word;
            }
        }
        if (line.Length > 0)
        {
            yield return line;
        }
    }
}
