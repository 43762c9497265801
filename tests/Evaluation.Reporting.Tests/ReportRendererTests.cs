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
        // A chart per domain, wide for pages and print and compact for a phone (the stylesheet shows one), and the theory diagram.
        Assert.Equal(2 * model.Domains.Count + 1, System.Text.RegularExpressions.Regex.Matches(html, "<svg ").Count);
        Assert.Equal(model.Domains.Count, System.Text.RegularExpressions.Regex.Matches(html, "<div class=\"chart-narrow\"><svg [^>]*class=\"chart compact\"").Count);
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
