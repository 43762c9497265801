using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Evaluation.Api.Security;

namespace Evaluation.Api.Tests;

public class ExportTests(EvaluationApiFactory factory) : IClassFixture<EvaluationApiFactory>
{
    private static List<string[]> ReadCsv(ZipArchive zip, string name)
    {
        using var reader = new StreamReader(zip.GetEntry(name)!.Open());
        using var csv = new CsvHelper.CsvParser(reader, System.Globalization.CultureInfo.InvariantCulture);
        var rows = new List<string[]>();
        while (csv.Read())
        {
            rows.Add(csv.Record!);
        }
        return rows;
    }

    [Fact]
    public async Task Comments_ReachTheExportEscaped_AndAreCheckedOnTheWayIn()
    {
        var admin = await factory.CreateStaffClientAsync();
        var scenario = await ApiScenario.CreateAsync(admin);
        var answers = ApiScenario.AllItemsKeyed("care-worker", 3);
        var posted = await admin.PostAsJsonAsync($"/api/surveys/{scenario.SurveyId}/responses", new
        {
            circleId = scenario.NorthCircleId,
            stakeholderGroup = "care-worker",
            completionMode = "paper",
            answers,
            comments = new Dictionary<string, string> { ["growth"] = "=1+1 more training", ["wellbeing"] = "   " },
        });
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        var refused = await admin.PostAsJsonAsync($"/api/surveys/{scenario.SurveyId}/responses", new
        {
            circleId = scenario.NorthCircleId,
            stakeholderGroup = "care-worker",
            completionMode = "paper",
            answers,
            comments = new Dictionary<string, string> { ["no-such-domain"] = "x", ["growth"] = new string('x', 2001) },
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var errors = (await refused.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("comments.no-such-domain") && errors.ContainsKey("comments.growth"), errors.ToJsonString());

        using var zip = new ZipArchive(await (await admin.GetAsync($"/api/surveys/{scenario.SurveyId}/export.zip")).Content.ReadAsStreamAsync());
        var rows = ReadCsv(zip, "responses.csv");
        Assert.Equal(2, rows.Count); // the refused response stored nothing
        Assert.Equal("'=1+1 more training", rows[1][Array.IndexOf(rows[0], "comment.growth")]);
        Assert.Equal("", rows[1][Array.IndexOf(rows[0], "comment.wellbeing")]); // blank comments are not kept
        Assert.Contains(ReadCsv(zip, "codebook.csv"), row => row[0] == "comment.coproduction" && row[1] == "comment");
    }

    [Fact]
    public async Task TheExport_HasARowPerResponse_WithScoresACodebookAndEscapedFormulas()
    {
        var admin = await factory.CreateStaffClientAsync();
        var organisation = await ApiScenario.PostAsync(admin, "/api/organisations", new { name = "Export Co-op" });
        var organisationId = organisation["id"]!.GetValue<string>();
        var circle = await ApiScenario.PostAsync(admin, $"/api/organisations/{organisationId}/circles", new { name = "=HYPERLINK(\"http://x\")" });
        var survey = await ApiScenario.CreateWaveAsync(admin, organisationId, circle["id"]!.GetValue<string>(), "Export wave", "2026-11-01",
            ["care-worker", "drawing-on-care"]);
        var scenario = new ApiScenario
        {
            Client = admin,
            OrganisationId = organisationId,
            NorthCircleId = circle["id"]!.GetValue<string>(),
            SouthCircleId = "",
            SurveyId = survey["id"]!.GetValue<string>(),
        };
        await scenario.PostResponseAsync(scenario.NorthCircleId, "care-worker", ApiScenario.AllItemsKeyed("care-worker", 4), "paper");
        var partial = ApiScenario.AllItemsKeyed("drawing-on-care", 2);
        partial[partial.Keys.First()] = null; // not applicable
        await scenario.PostResponseAsync(scenario.NorthCircleId, "drawing-on-care", partial);

        var evaluator = await factory.CreateClientWithKeyAsync(Role.Evaluator, organisationId);
        var download = await evaluator.GetAsync($"/api/surveys/{scenario.SurveyId}/export.zip");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/zip", download.Content.Headers.ContentType?.MediaType);
        using var zip = new ZipArchive(await download.Content.ReadAsStreamAsync());
        Assert.Equal(["README.txt", "codebook.csv", "codebook.json", "load.R", "responses.csv"], zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));

        var rows = ReadCsv(zip, "responses.csv");
        var header = rows[0];
        Assert.Equal(["response_id", "circle_id", "circle", "stakeholder_group", "completion_mode", "submitted_on"], header.Take(6));
        Assert.Equal(3, rows.Count);
        var worker = rows.Single(r => r[3] == "care-worker");
        Assert.Equal("'=HYPERLINK(\"http://x\")", worker[2]); // a spreadsheet shows it as text, never runs it
        Assert.Equal("paper", worker[4]);
        Assert.Equal("2026-11-22", worker[5]);
        Assert.All(header.Where(h => h.StartsWith("domain.", StringComparison.Ordinal)), h => Assert.Equal("4", worker[Array.IndexOf(header, h)]));
        var person = rows.Single(r => r[3] == "drawing-on-care");
        Assert.Equal("", person[Array.IndexOf(header, partial.Keys.First())]);
        Assert.Equal("", person[Array.IndexOf(header, "learning-access-3")]); // not shown to people drawing on care

        var codebook = ReadCsv(zip, "codebook.csv");
        Assert.Equal(header, codebook.Skip(1).Select(r => r[0]));
        var json = JsonNode.Parse(new StreamReader(zip.GetEntry("codebook.json")!.Open()).ReadToEnd())!;
        Assert.Equal(header.Length, json["variables"]!.AsArray().Count);
        Assert.Contains("read.csv", new StreamReader(zip.GetEntry("load.R")!.Open()).ReadToEnd(), StringComparison.Ordinal);
    }
}
