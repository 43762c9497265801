using System.Net;
using System.Text.RegularExpressions;

namespace Evaluation.Api.Tests;

public class ReportPdfTests(EvaluationApiFactory factory) : IClassFixture<EvaluationApiFactory>
{
    private async Task<ApiScenario> ScenarioWithResponsesAsync()
    {
        var scenario = await ApiScenario.CreateAsync(await factory.CreateStaffClientAsync());
        foreach (var (circle, group, keyed, count) in new[] { (scenario.NorthCircleId, "care-worker", 4, 6), (scenario.SouthCircleId, "drawing-on-care", 2, 6), (scenario.SouthCircleId, "volunteer", 5, 2) })
        {
            for (var i = 0; i < count; i++)
            {
                Assert.Equal(HttpStatusCode.Created, (await scenario.PostResponseAsync(circle, group, ApiScenario.AllItemsKeyed(group, keyed))).StatusCode);
            }
        }
        return scenario;
    }

    [Fact]
    public async Task ReportPdf_IsATaggedPdfWithDomainsBandsAndPageNumbers()
    {
        var scenario = await ScenarioWithResponsesAsync();
        var response = await scenario.Client.GetAsync($"/api/surveys/{scenario.SurveyId}/report.pdf");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        var pdf = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal("%PDF-"u8.ToArray(), pdf[..5]);

        var (text, info) = await PdfTools.ReadAsync(pdf);
        var pages = int.Parse(Regex.Match(info, @"Pages:\s+(\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(pages, 5, 40); // title, three domains, theory of change, methods
        Assert.Matches(@"Tagged:\s+yes", info);
        foreach (var expected in new[] { "Growth", "Well-being, Relationships & Belonging", "Systems Maintenance & Co-production",
                     "High", "Low", "Medium", "Theory of change", "Methods", "Winter wave", "Test Care Co-op" })
        {
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }
        Assert.Contains($"Page 1 of {pages}", text, StringComparison.Ordinal);
        Assert.Contains($"Page {pages} of {pages}", text, StringComparison.Ordinal);
        Assert.Contains("Not shown: fewer than 5 responses", text, StringComparison.Ordinal);
        // The document outline (bookmarks built from the headings) and the structure tree of a tagged PDF.
        var raw = System.Text.Encoding.Latin1.GetString(pdf);
        Assert.Contains("/Outlines", raw, StringComparison.Ordinal);
        Assert.Contains("/StructTreeRoot", raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReportPdf_InWelsh_RendersWelshGlyphs()
    {
        var scenario = await ScenarioWithResponsesAsync();
        var pdf = await scenario.Client.GetByteArrayAsync($"/api/surveys/{scenario.SurveyId}/report.pdf?language=cy");
        var (text, _) = await PdfTools.ReadAsync(pdf);
        Assert.Contains("Twf", text, StringComparison.Ordinal);
        Assert.Contains("grŵp", text, StringComparison.Ordinal);
        Assert.Contains("Tudalen 1 o", text, StringComparison.Ordinal);
    }
}
