using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Evaluation.Api.Commands;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Evaluation.Api.Tests;

/// <summary>The README's five-minute tour follows what <c>demo</c> prints: every address it prints must work as printed.</summary>
public sealed partial class DemoTests : IDisposable
{
    private readonly EvaluationApiFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task TheDemo_PrintsAFormLinkADashboardAReportAndScoresThatWork()
    {
        var output = new StringWriter();
        Assert.Equal(0, await DemoData.CreateAsync(_factory.Services, 60, seed: 3, output, CancellationToken.None));
        var printed = output.ToString();

        var link = new Uri(FormLink().Match(printed).Groups[1].Value);
        var browser = _factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });
        var opened = await browser.GetAsync(link.PathAndQuery);
        Assert.Equal((HttpStatusCode.SeeOther, "/form/welcome"), (opened.StatusCode, opened.Headers.Location?.ToString()));

        foreach (var (name, must) in new[] { ("dashboard", "Ystrad Circle"), ("report", "Cwm Taf Care Co-operative"), ("scores", "\"domains\"") })
        {
            var command = Command(name).Match(printed);
            Assert.True(command.Success, $"the demo prints no {name} command:\n{printed}");
            var client = _factory.CreateClient();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", command.Groups[1].Value);
            var address = new Uri(command.Groups[2].Value).PathAndQuery.Replace("report.pdf", "report.html", StringComparison.Ordinal); // no Chromium needed
            var answer = await client.GetAsync(address);
            var body = await answer.Content.ReadAsStringAsync();
            Assert.True(answer.StatusCode == HttpStatusCode.OK, $"{name}: {(int)answer.StatusCode} {body[..Math.Min(200, body.Length)]}");
            Assert.Contains(must, body, StringComparison.Ordinal);
        }
    }

    [GeneratedRegex(@"single-use\): (\S+/r/\S+)")]
    private static partial Regex FormLink();

    private static Regex Command(string name) => new($@"{name}: +curl -s -H ""Authorization: Bearer (\S+)""(?: -o \S+)? (\S+)");
}
