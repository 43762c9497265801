using System.Globalization;
using System.Xml.Linq;

namespace Evaluation.Reporting.Charts;

/// <summary>A series of the radar: a level (1…<see cref="RadarSpec.Levels"/>) per axis, in axis order.</summary>
public sealed record RadarSeries(string Label, string Kind, IReadOnlyList<int> Values);

public sealed record RadarSpec(string Title, string Description, IReadOnlyList<string> Axes, int Levels, IReadOnlyList<RadarSeries> Series);

/// <summary>
/// A radar chart as accessible SVG (role="img", title, description; a data table goes beside it): one axis per
/// capacity, a ring per readiness level, the latest assessment as a filled outline and the previous one dashed, so
/// the two stay apart in greyscale print. Deterministic.
/// </summary>
public static class RadarChart
{
    private static readonly XNamespace Svg = SvgText.Svg;
    private const double Width = 640;
    private const double Height = 430;
    private const double CentreX = 320;
    private const double CentreY = 215;
    private const double Radius = 140;
    private const int LineCharacters = 22;

    public static XElement Render(RadarSpec spec, string id)
    {
        (double X, double Y) Point(int axis, double level)
        {
            var angle = -Math.PI / 2 + 2 * Math.PI * axis / spec.Axes.Count;
            var r = Radius * level / spec.Levels;
            return (CentreX + r * Math.Cos(angle), CentreY + r * Math.Sin(angle));
        }
        string Polygon(Func<int, double> level) =>
            string.Join(' ', Enumerable.Range(0, spec.Axes.Count).Select(i => Point(i, level(i))).Select(p => $"{N(p.X)},{N(p.Y)}"));

        var svg = SvgText.Root(Width, Height, "chart radar", id, spec.Title, spec.Description);
        var grid = new XElement(Svg + "g", new XAttribute("class", "grid"));
        for (var level = 1; level <= spec.Levels; level++)
        {
            var ring = level;
            grid.Add(new XElement(Svg + "polygon", new XAttribute("class", "ring"), new XAttribute("points", Polygon(_ => ring))),
                new XElement(Svg + "text", new XAttribute("class", "ring-label"), new XAttribute("x", N(CentreX + 3)),
                    new XAttribute("y", N(CentreY - Radius * level / spec.Levels + 11)), level.ToString(CultureInfo.InvariantCulture)));
        }
        for (var i = 0; i < spec.Axes.Count; i++)
        {
            var (x, y) = Point(i, spec.Levels);
            grid.Add(new XElement(Svg + "line", new XAttribute("class", "axis"), new XAttribute("x1", N(CentreX)), new XAttribute("y1", N(CentreY)),
                new XAttribute("x2", N(x)), new XAttribute("y2", N(y))));
            var (lx, ly) = Point(i, spec.Levels * 1.12);
            var anchor = Math.Abs(lx - CentreX) < 20 ? "middle" : lx > CentreX ? "start" : "end";
            var lines = Wrap(spec.Axes[i]).ToList();
            var label = new XElement(Svg + "text", new XAttribute("class", "axis-label"), new XAttribute("text-anchor", anchor),
                new XAttribute("x", N(lx)), new XAttribute("y", N(ly - (lines.Count - 1) * 6 + 4)));
            for (var l = 0; l < lines.Count; l++)
            {
                label.Add(new XElement(Svg + "tspan", new XAttribute("x", N(lx)), new XAttribute("dy", l == 0 ? "0" : "12"), lines[l]));
            }
            grid.Add(label);
        }
        svg.Add(grid);
        foreach (var series in spec.Series.Reverse())
        {
            svg.Add(new XElement(Svg + "polygon", new XAttribute("class", $"series {series.Kind}"),
                new XAttribute("points", Polygon(i => series.Values[i]))));
        }
        return svg;
    }

    private static string N(double value) => SvgText.N(value);

    private static IEnumerable<string> Wrap(string text) => SvgText.Wrap(text, LineCharacters);
}
