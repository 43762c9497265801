using System.Xml.Linq;

namespace Evaluation.Reporting.Charts;

/// <summary>A box of the theory-of-change diagram: a dimension of the co-op's work, or an outcome with its status.</summary>
public sealed record DiagramNode(string Id, string Label, string? Status = null, string? StatusId = null);

/// <summary>A line from a dimension to an outcome; <see cref="Weight"/> is how many of the dimension's outputs lead there.</summary>
public sealed record DiagramLink(string From, string To, int Weight);

public sealed record DiagramSpec(string Title, string Description, IReadOnlyList<DiagramNode> Dimensions, IReadOnlyList<DiagramNode> Outcomes,
    IReadOnlyList<DiagramLink> Links);

/// <summary>
/// The dimension → outcome links of a theory of change as accessible SVG: role="img", title and description,
/// dimensions on the left, outcomes (with their status written out, not only coloured) on the right, a line per link
/// drawn thicker for more outputs. Deterministic, and readable in greyscale print.
/// </summary>
public static class TheoryDiagram
{
    private static readonly XNamespace Svg = SvgText.Svg;
    private const double Width = 640;
    private const double BoxWidth = 200;
    private const double BoxHeight = 54;
    private const double Gap = 8;
    private const int LineCharacters = 30;

    public static XElement Render(DiagramSpec spec, string id)
    {
        var rows = Math.Max(spec.Dimensions.Count, spec.Outcomes.Count);
        var height = rows * (BoxHeight + Gap) + Gap;
        double Top(int index, int count) => Gap + index * (BoxHeight + Gap) + (rows - count) * (BoxHeight + Gap) / 2;
        var left = spec.Dimensions.Select((d, i) => (d.Id, Y: Top(i, spec.Dimensions.Count) + BoxHeight / 2)).ToDictionary(p => p.Id, p => p.Y);
        var right = spec.Outcomes.Select((o, i) => (o.Id, Y: Top(i, spec.Outcomes.Count) + BoxHeight / 2)).ToDictionary(p => p.Id, p => p.Y);

        var svg = SvgText.Root(Width, height, "chart theory-diagram", id, spec.Title, spec.Description);
        var links = new XElement(Svg + "g", new XAttribute("class", "links"));
        foreach (var link in spec.Links.Where(l => left.ContainsKey(l.From) && right.ContainsKey(l.To)))
        {
            links.Add(new XElement(Svg + "line", new XAttribute("class", "link"),
                new XAttribute("x1", N(BoxWidth)), new XAttribute("y1", N(left[link.From])),
                new XAttribute("x2", N(Width - BoxWidth)), new XAttribute("y2", N(right[link.To])),
                new XAttribute("stroke-width", N(0.8 + link.Weight * 0.9))));
        }
        svg.Add(links);
        var boxes = new XElement(Svg + "g", new XAttribute("class", "boxes"));
        for (var i = 0; i < spec.Dimensions.Count; i++)
        {
            boxes.Add(Box(spec.Dimensions[i], 0, Top(i, spec.Dimensions.Count), "dimension"));
        }
        for (var i = 0; i < spec.Outcomes.Count; i++)
        {
            var outcome = spec.Outcomes[i];
            boxes.Add(Box(outcome, Width - BoxWidth, Top(i, spec.Outcomes.Count), $"outcome status-{outcome.StatusId ?? "none"}"));
        }
        svg.Add(boxes);
        return svg;
    }

    private static XElement Box(DiagramNode node, double x, double y, string kind)
    {
        var lines = Wrap(node.Label).Take(2).ToList();
        if (node.Status is not null)
        {
            lines.Add(node.Status);
        }
        var group = new XElement(Svg + "g", new XAttribute("class", $"node {kind}"),
            new XElement(Svg + "rect", new XAttribute("x", N(x)), new XAttribute("y", N(y)), new XAttribute("width", N(BoxWidth)),
                new XAttribute("height", N(BoxHeight)), new XAttribute("rx", "4")));
        var first = y + BoxHeight / 2 - (lines.Count - 1) * 7 + 4;
        for (var i = 0; i < lines.Count; i++)
        {
            group.Add(new XElement(Svg + "text", new XAttribute("x", N(x + 8)), new XAttribute("y", N(first + i * 14)),
                new XAttribute("class", node.Status is not null && i == lines.Count - 1 ? "status" : "label"), lines[i]));
        }
        return group;
    }

    private static string N(double value) => SvgText.N(value);

    private static IEnumerable<string> Wrap(string text) => SvgText.Wrap(text, LineCharacters);
}
