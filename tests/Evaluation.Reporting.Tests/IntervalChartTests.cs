using System.Xml.Linq;
using Evaluation.Reporting.Charts;

namespace Evaluation.Reporting.Tests;

public class IntervalChartTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static readonly ChartSpec Spec = new("Growth by group", "Means with 95% intervals over the bands.", 1, 5,
        [new ChartZone("low", "Low", 1, 2.5), new ChartZone("medium", "Medium", 2.5, 3.5), new ChartZone("high", "High", 3.5, 5)],
        [new ChartRow("All", 3.0, 2.5, 3.5, null), new ChartRow("Volunteers", null, null, null, "Not shown: fewer than 5 responses"), new ChartRow("Workers", 4.9, 4.5, 5.3, null)]);

    [Fact]
    public void Render_IsAnAccessibleImageWithTitleAndDescription()
    {
        var svg = IntervalChart.Render(Spec, "c1");
        Assert.Equal("img", svg.Attribute("role")!.Value);
        Assert.Equal("c1-title c1-desc", svg.Attribute("aria-labelledby")!.Value);
        Assert.Equal("Growth by group", svg.Element(Svg + "title")!.Value);
        Assert.Equal("c1-title", svg.Element(Svg + "title")!.Attribute("id")!.Value);
        Assert.Equal("Means with 95% intervals over the bands.", svg.Element(Svg + "desc")!.Value);
    }

    [Fact]
    public void Render_DrawsEachBandZoneAcrossItsPartOfTheScale()
    {
        var zones = IntervalChart.Render(Spec, "c").Descendants(Svg + "rect").ToList();
        Assert.Equal(["zone zone-low", "zone zone-medium", "zone zone-high"], zones.Select(z => z.Attribute("class")!.Value));
        // Plot width 430 px from x = 190 over 1–5: low spans 1.5/4 of it.
        Assert.Equal("190", zones[0].Attribute("x")!.Value);
        Assert.Equal("161.25", zones[0].Attribute("width")!.Value);
        Assert.Equal("620", (double.Parse(zones[2].Attribute("x")!.Value, System.Globalization.CultureInfo.InvariantCulture)
            + double.Parse(zones[2].Attribute("width")!.Value, System.Globalization.CultureInfo.InvariantCulture)).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Render_ReleasedRowsGetADotAndWhiskerWithheldRowsOnlyANote()
    {
        var rows = IntervalChart.Render(Spec, "c").Descendants(Svg + "g").Where(g => g.Attribute("class")?.Value is "row" or "row withheld").ToList();
        Assert.Equal(3, rows.Count);
        Assert.Single(rows[0].Elements(Svg + "circle"));
        Assert.Equal(3, rows[0].Elements(Svg + "line").Count());
        Assert.Equal("row withheld", rows[1].Attribute("class")!.Value);
        Assert.Empty(rows[1].Elements(Svg + "circle"));
        Assert.Contains(rows[1].Elements(Svg + "text"), t => t.Value == "Not shown: fewer than 5 responses");
        // An interval running past the top of the scale is clipped to the plot.
        Assert.Equal("620", rows[2].Elements(Svg + "line").First().Attribute("x2")!.Value);
    }

    /// <summary>Compact, for a phone: 320 wide, each label above its row at the plot's left edge, the dot below it, the plot almost full width.</summary>
    [Fact]
    public void Render_Compact_PutsEachLabelAboveItsRow()
    {
        var svg = IntervalChart.Render(Spec, "c", compact: true);
        Assert.Equal("chart compact", svg.Attribute("class")!.Value);
        Assert.EndsWith(" 320 196", svg.Attribute("viewBox")!.Value, StringComparison.Ordinal); // 28 + 3 rows of 46 + 30 for the axis
        var rows = svg.Descendants(Svg + "g").Where(g => g.Attribute("class")?.Value is "row" or "row withheld").ToList();
        var label = rows[0].Elements(Svg + "text").Single();
        var dot = rows[0].Element(Svg + "circle")!;
        Assert.Equal(("12", "All"), (label.Attribute("x")!.Value, label.Value));
        Assert.True(double.Parse(label.Attribute("y")!.Value, System.Globalization.CultureInfo.InvariantCulture) + 10
            < double.Parse(dot.Attribute("cy")!.Value, System.Globalization.CultureInfo.InvariantCulture));
        var high = svg.Descendants(Svg + "rect").Last();
        double Number(string attribute) => double.Parse(high.Attribute(attribute)!.Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(306, Number("x") + Number("width"));
    }

    [Theory]
    [InlineData("Volunteers", new[] { "Volunteers" })]
    [InlineData("Pobl sy'n cael gofal a chymorth", new[] { "Pobl sy'n cael gofal a", "chymorth" })]
    [InlineData("Averyveryveryverylongwordwithoutspaces", new[] { "Averyveryveryverylongwordwithoutspaces" })]
    public void Wrap_LongLabels_SplitAtASpaceIntoTwoLines(string label, string[] lines) =>
        Assert.Equal(lines, IntervalChart.Wrap(label, 26));

    [Fact]
    public void Render_LongLabel_IsTwoLinesInsideTheLabelColumn()
    {
        var spec = Spec with { Rows = [new ChartRow("Pobl sy'n cael gofal a chymorth", 3, 2, 4, null)] };
        var label = IntervalChart.Render(spec, "c").Descendants(Svg + "text").Single(t => t.Attribute("class")?.Value == "row-label");
        Assert.Equal(["Pobl sy'n cael gofal a", "chymorth"], label.Elements(Svg + "tspan").Select(t => t.Value));
    }

    [Fact]
    public void Render_IsDeterministic() =>
        Assert.Equal(IntervalChart.Render(Spec, "c").ToString(), IntervalChart.Render(Spec, "c").ToString());

    [Fact]
    public void Render_EscapesLabels()
    {
        var spec = Spec with { Rows = [new ChartRow("<script>alert(1)</script> & co", 3, 2, 4, null)] };
        var markup = IntervalChart.Render(spec, "c").ToString();
        Assert.DoesNotContain("<script>", markup, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", markup, StringComparison.Ordinal);
    }
}
