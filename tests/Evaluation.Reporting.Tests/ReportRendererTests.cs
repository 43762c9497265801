namespace Evaluation.Reporting.Tests;

public class ReportRendererTests
{
    [Fact]
    public async Task RenderAsync_ProducesOneDocumentWithAHeadingPerSection()
    {
        await using var renderer = new ReportRenderer();
        var model = ReportBuilder.Build(ReportBuilderTests.Input());
        var html = await renderer.RenderAsync(model);

        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "<h1"));
        foreach (var domain in model.Domains)
        {
            Assert.Contains($"<h2 id=\"domain-{domain.Id}-heading\">", html, StringComparison.Ordinal);
        }
        Assert.Contains("id=\"theory-of-change\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"methods\"", html, StringComparison.Ordinal);
        Assert.Equal(model.Domains.Count + 1, System.Text.RegularExpressions.Regex.Matches(html, "<svg ").Count); // a chart per domain, the theory diagram
        Assert.Contains("id=\"summary\"", html, StringComparison.Ordinal);
        Assert.Contains("counter(page)", html, StringComparison.Ordinal);
        Assert.Contains("<caption>By stakeholder group</caption>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RenderAsync_EscapesNamesFromTheDatabase()
    {
        await using var renderer = new ReportRenderer();
        var input = ReportBuilderTests.Input() with { OrganisationName = "<b>Bold</b> & co" };
        var html = await renderer.RenderAsync(ReportBuilder.Build(input));
        Assert.DoesNotContain("<b>Bold</b>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;Bold&lt;/b&gt; &amp; co", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RenderAsync_Welsh_SetsTheDocumentLanguageAndFooter()
    {
        await using var renderer = new ReportRenderer();
        var html = await renderer.RenderAsync(ReportBuilder.Build(ReportBuilderTests.Input("cy")));
        Assert.Contains("<html lang=\"cy\">", html, StringComparison.Ordinal);
        Assert.Contains("\"Tudalen \" counter(page) \" o \" counter(pages)", html, StringComparison.Ordinal);
    }
}
