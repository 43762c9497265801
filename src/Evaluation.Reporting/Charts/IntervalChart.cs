using System.Globalization;
using System.Xml.Linq;

namespace Evaluation.Reporting.Charts;

/// <summary>
/// Renders a <see cref="ChartSpec"/> as accessible SVG: role="img", a title and a description, band zones
/// with their names, one row per group with the mean as a dot and the 95 % interval as a whisker.
/// Output is deterministic (fixed geometry, invariant number format) so tests can assert its structure.
/// </summary>
public static class IntervalChart
{
    private static readonly XNamespace Svg = SvgText.Svg;
    private const double TopMargin = 28;
    private const double AxisHeight = 30;

    /// <summary>Wide: labels to the left of the rows (pages, print). Compact: each label above its row, for a phone's width.</summary>
    private sealed record Layout(double Width, double LabelWidth, double RightMargin, double RowHeight, int LabelCharacters, bool LabelsAbove)
    {
        public static readonly Layout Wide = new(640, 190, 20, 30, 26, false);
        public static readonly Layout Compact = new(320, 12, 14, 46, 44, true);

        /// <summary>Where the row's dot and whisker sit: below its label when labels are above.</summary>
        public double RowY(int row) => TopMargin + row * RowHeight + (LabelsAbove ? RowHeight - 13 : RowHeight / 2);
    }

    /// <param name="compact">Each label above its row, in a chart 320 wide: readable on a phone, where the wide one shrinks to half.</param>
    public static XElement Render(ChartSpec spec, string id, bool compact = false)
    {
        var layout = compact ? Layout.Compact : Layout.Wide;
        var (width, labelWidth) = (layout.Width, layout.LabelWidth);
        var plotWidth = width - labelWidth - layout.RightMargin;
        var height = TopMargin + spec.Rows.Count * layout.RowHeight + AxisHeight;
        double X(double value) => labelWidth + (value - spec.ScaleMin) / (spec.ScaleMax - spec.ScaleMin) * plotWidth;
        var plotBottom = TopMargin + spec.Rows.Count * layout.RowHeight;

        var svg = SvgText.Root(width, height, compact ? "chart compact" : "chart", id, spec.Title, spec.Description);

        var zones = new XElement(Svg + "g", new XAttribute("class", "zones"));
        foreach (var zone in spec.Zones)
        {
            var from = X(Math.Max(zone.From, spec.ScaleMin));
            var to = X(Math.Min(zone.To, spec.ScaleMax));
            zones.Add(
                new XElement(Svg + "rect", new XAttribute("class", $"zone zone-{zone.Id}"),
                    new XAttribute("x", N(from)), new XAttribute("y", N(TopMargin)),
                    new XAttribute("width", N(to - from)), new XAttribute("height", N(plotBottom - TopMargin))),
                new XElement(Svg + "text", new XAttribute("class", "zone-label"),
                    new XAttribute("x", N((from + to) / 2)), new XAttribute("y", N(TopMargin - 9)),
                    new XAttribute("text-anchor", "middle"), zone.Title));
        }
        svg.Add(zones);

        var rows = new XElement(Svg + "g", new XAttribute("class", "rows"));
        for (var i = 0; i < spec.Rows.Count; i++)
        {
            var row = spec.Rows[i];
            var y = layout.RowY(i);
            var group = new XElement(Svg + "g", new XAttribute("class", row.Mean is null ? "row withheld" : "row"), Label(row.Label, y, layout));
            if (row.Mean is { } mean)
            {
                if (row.Lower is { } lower && row.Upper is { } upper)
                {
                    var left = X(Math.Max(lower, spec.ScaleMin));
                    var right = X(Math.Min(upper, spec.ScaleMax));
                    group.Add(
                        Line("whisker", left, y, right, y),
                        Line("whisker-cap", left, y - 6, left, y + 6),
                        Line("whisker-cap", right, y - 6, right, y + 6));
                }
                group.Add(new XElement(Svg + "circle", new XAttribute("class", "mean"),
                    new XAttribute("cx", N(X(mean))), new XAttribute("cy", N(y)), new XAttribute("r", "5")));
            }
            else
            {
                group.Add(new XElement(Svg + "text", new XAttribute("class", "note"),
                    new XAttribute("x", N(labelWidth + 8)), new XAttribute("y", N(y + 4)), row.Note ?? ""));
            }
            rows.Add(group);
        }
        svg.Add(rows);

        var axis = new XElement(Svg + "g", new XAttribute("class", "axis"), Line("axis-line", labelWidth, plotBottom, labelWidth + plotWidth, plotBottom));
        for (var tick = Math.Ceiling(spec.ScaleMin); tick <= spec.ScaleMax; tick++)
        {
            axis.Add(Line("tick", X(tick), plotBottom, X(tick), plotBottom + 5),
                new XElement(Svg + "text", new XAttribute("class", "tick-label"), new XAttribute("x", N(X(tick))),
                    new XAttribute("y", N(plotBottom + 18)), new XAttribute("text-anchor", "middle"), N(tick)));
        }
        svg.Add(axis);
        return svg;
    }

    /// <summary>
    /// A row label: right-aligned in the label column, wrapped onto two lines when too long for it; or, compact, one
    /// line above the row from the plot's left edge.
    /// </summary>
    private static XElement Label(string text, double y, Layout layout)
    {
        if (layout.LabelsAbove)
        {
            var lines = Wrap(text, layout.LabelCharacters);
            return new XElement(Svg + "text", new XAttribute("class", "row-label"), new XAttribute("x", N(layout.LabelWidth)),
                new XAttribute("y", N(y - 15)), lines.Count == 1 ? text : lines[0] + "…"); // the table below the chart has it whole
        }
        var label = new XElement(Svg + "text", new XAttribute("class", "row-label"), new XAttribute("text-anchor", "end"));
        var wrapped = Wrap(text, layout.LabelCharacters);
        var firstBaseline = y + 4 - (wrapped.Count - 1) * 7;
        for (var i = 0; i < wrapped.Count; i++)
        {
            label.Add(new XElement(Svg + "tspan", new XAttribute("x", N(layout.LabelWidth - 8)), new XAttribute("y", N(firstBaseline + i * 14)), wrapped[i]));
        }
        return label;
    }

    /// <summary>Splits at spaces into at most two lines of about <paramref name="width"/> characters; the second line takes the rest.</summary>
    internal static IReadOnlyList<string> Wrap(string text, int width)
    {
        if (text.Length <= width)
        {
            return [text];
        }
        var cut = text.LastIndexOf(' ', width);
        return cut <= 0 ? [text] : [text[..cut], text[(cut + 1)..]];
    }

    private static XElement Line(string cssClass, double x1, double y1, double x2, double y2) =>
        new(Svg + "line", new XAttribute("class", cssClass),
            new XAttribute("x1", N(x1)), new XAttribute("y1", N(y1)), new XAttribute("x2", N(x2)), new XAttribute("y2", N(y2)));

    private static string N(double value) => Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);
}
