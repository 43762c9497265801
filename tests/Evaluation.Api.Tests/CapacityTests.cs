using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Evaluation.Api.Tests;

public class CapacityTests(EvaluationApiFactory factory) : IClassFixture<EvaluationApiFactory>
{
    public static readonly Lazy<Evaluation.Instruments.CapacityAssessment> Tool = new(() =>
        Evaluation.Instruments.InstrumentLoader.LoadDirectory(RepositoryPaths.Instruments).Catalog!.CapacityAssessments.Single().Content);

    /// <summary>Every capacity of the shipped tool rated <paramref name="level"/>.</summary>
    public static Dictionary<string, int> AllRatings(int level) => Tool.Value.Capacities.ToDictionary(c => c.Id, _ => level);

    [Fact]
    public async Task Assessments_AreRecordedWhole_AndShownInReportsAsARadarWithoutTheirEvidenceNotes()
    {
        var scenario = await ApiScenario.CreateAsync(await factory.CreateStaffClientAsync());
        var url = $"/api/organisations/{scenario.OrganisationId}/capacity-assessments";
        var first = await scenario.Client.PostAsJsonAsync(url, new { circleId = scenario.NorthCircleId, partner = "Valley Hub", assessedOn = "2026-05-01", ratings = AllRatings(1) });
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var later = AllRatings(2);
        later["accountability"] = 4;
        await scenario.Client.PostAsJsonAsync(url, new
        {
            circleId = scenario.NorthCircleId,
            partner = "Valley Hub",
            assessedOn = "2026-11-01",
            ratings = later,
            evidence = new Dictionary<string, string> { ["accountability"] = "SECRET-EVIDENCE: minutes of the 3 May meeting" },
        });

        var partial = AllRatings(2);
        partial.Remove("accountability");
        partial["trust-social-capital"] = 5;
        var refused = await scenario.Client.PostAsJsonAsync(url, new { circleId = "nope", partner = " ", assessedOn = "2027-01-01", ratings = partial });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var errors = (await refused.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().Select(e => e.Key).ToList();
        Assert.Equal(["assessedOn", "circleId", "partner", "ratings.accountability", "ratings.trust-social-capital"], errors.Order(StringComparer.Ordinal));
        Assert.Equal(2, (await scenario.Client.GetFromJsonAsync<JsonArray>(url))!.Count);

        var html = await scenario.Client.GetStringAsync($"/api/surveys/{scenario.SurveyId}/report.html");
        Assert.Contains("id=\"capacity\"", html, StringComparison.Ordinal);
        Assert.Contains("class=\"series current\"", html, StringComparison.Ordinal);
        Assert.Contains("class=\"series previous\"", html, StringComparison.Ordinal);
        Assert.Contains("4 Embedded", html, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET-EVIDENCE", html, StringComparison.Ordinal);
    }
}
