using System.Globalization;
using System.Xml.Linq;

namespace Evaluation.Reporting.Charts;

/// <summary>What the SVG charts share: invariant numbers and words wrapped into short lines (SVG text does not wrap).</summary>
internal static class SvgText
{
    public static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    /// <summary>The root every chart starts from: fixed size, role="img", and the title and description it is labelled by.</summary>
    public static XElement Root(double width, double height, string cssClass, string id, string title, string description) =>
        new(Svg + "svg",
            new XAttribute("viewBox", $"0 0 {N(width)} {N(height)}"),
            new XAttribute("width", N(width)),
            new XAttribute("height", N(height)),
            new XAttribute("role", "img"),
            new XAttribute("aria-labelledby", $"{id}-title {id}-desc"),
            new XAttribute("class", cssClass),
            new XElement(Svg + "title", new XAttribute("id", $"{id}-title"), title),
            new XElement(Svg + "desc", new XAttribute("id", $"{id}-desc"), description));

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
