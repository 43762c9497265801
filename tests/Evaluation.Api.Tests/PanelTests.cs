using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dapper;

namespace Evaluation.Api.Tests;

/// <summary>Pseudonymous waves: the same panel code in two waves gives individual change; nothing stores the code itself.</summary>
public class PanelTests
{
    private static async Task<string> WaveAsync(ApiScenario scenario, string title, string opensOn) =>
        (await ApiScenario.CreateWaveAsync(scenario.Client, scenario.OrganisationId, scenario.NorthCircleId, title, opensOn, ["care-worker"], "pseudonymous"))
            ["id"]!.GetValue<string>();

    private static Task<HttpResponseMessage> AnswerAsync(ApiScenario scenario, string surveyId, string? panelCode, int keyed) =>
        scenario.Client.PostAsJsonAsync($"/api/surveys/{surveyId}/responses", new
        {
            circleId = scenario.NorthCircleId,
            stakeholderGroup = "care-worker",
            completionMode = "paper",
            answers = ApiScenario.AllItemsKeyed("care-worker", keyed),
            panelCode,
        });

    [Fact]
    public async Task TheSamePeopleInTwoWaves_GiveIndividualChange_AndWithdrawalTakesAPersonOut()
    {
        using var factory = new EvaluationApiFactory();
        var scenario = await ApiScenario.CreateAsync(await factory.CreateStaffClientAsync());
        var autumn = await WaveAsync(scenario, "Autumn", "2026-10-01");
        var winter = await WaveAsync(scenario, "Winter", "2026-11-15");
        var codes = Enumerable.Range(1, 6).Select(_ => Evaluation.Api.Panels.PanelCode.New()).ToList();
        var receipts = new List<string>();
        for (var i = 0; i < codes.Count; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await AnswerAsync(scenario, autumn, codes[i], 2 + i % 2)).StatusCode);
            var later = await AnswerAsync(scenario, winter, codes[i].ToLowerInvariant().Replace("-", " "), 4 + i % 2); // typed differently
            receipts.Add((await later.Content.ReadFromJsonAsync<JsonObject>())!["receiptCode"]!.GetValue<string>());
        }

        var twice = await AnswerAsync(scenario, winter, codes[0], 3);
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        var whileOpen = (await scenario.Client.GetFromJsonAsync<JsonObject>($"/api/surveys/{winter}/scores?compareWith={autumn}"))!;
        Assert.Null(whileOpen["panelChanges"]); // only once both waves are closed
        await scenario.Client.PostAsync($"/api/surveys/{autumn}/close", null);
        await scenario.Client.PostAsync($"/api/surveys/{winter}/close", null);

        async Task<JsonNode> GrowthChangeAsync() =>
            (await scenario.Client.GetFromJsonAsync<JsonObject>($"/api/surveys/{winter}/scores?compareWith={autumn}"))!["panelChanges"]![0]!;
        var growth = await GrowthChangeAsync();
        Assert.Equal("released", growth["status"]!.GetValue<string>());
        Assert.Equal(6, growth["change"]!["pairs"]!.GetValue<int>());
        Assert.Equal(2.0, growth["change"]!["meanDifference"]!.GetValue<double>(), 12);

        foreach (var receipt in receipts.Take(2))
        {
            await factory.CreateClient().PostAsJsonAsync("/api/withdrawals", new { receiptCode = receipt });
        }
        Assert.Equal("suppressed", (await GrowthChangeAsync())["status"]!.GetValue<string>()); // 4 pairs: fewer than 5

        await using var connection = await factory.OpenDatabaseAsync();
        var keys = (await connection.QueryAsync<string>("SELECT panel_key FROM panel_memberships")).ToList();
        Assert.Equal(10, keys.Count);
        Assert.All(keys, key => Assert.All(codes, code => Assert.DoesNotContain(code.Replace("-", "")[..12], key, StringComparison.OrdinalIgnoreCase)));
        Assert.True(File.Exists(factory.DatabasePath + ".panel-secret"));
    }

    [Fact]
    public async Task ExportsAndImports_CarryThePanel_WithoutTheCode()
    {
        using var factory = new EvaluationApiFactory();
        var scenario = await ApiScenario.CreateAsync(await factory.CreateStaffClientAsync());
        var codes = (await (await scenario.Client.PostAsJsonAsync($"/api/organisations/{scenario.OrganisationId}/panel-codes", new { count = 2 }))
            .Content.ReadFromJsonAsync<JsonObject>())!["codes"]!.AsArray().Select(c => c!.GetValue<string>()).ToList();
        Assert.Matches("^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]$", codes[0]);
        var autumn = await WaveAsync(scenario, "Autumn", "2026-10-01");
        var winter = await WaveAsync(scenario, "Winter", "2026-11-15");
        await AnswerAsync(scenario, autumn, codes[0], 3);
        var csv = $"circle,stakeholder_group,panel_code,learning-access-1,learning-access-2\nNorth,care-worker,{codes[0]},4,4\nNorth,care-worker,{codes[0]},4,4\n";
        var refused = await scenario.Client.PostAsync($"/api/surveys/{winter}/imports", new StringContent(csv, System.Text.Encoding.UTF8, "text/csv"));
        Assert.Contains("line 3, panel_code", (await refused.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().Select(e => e.Key));
        var imported = await scenario.Client.PostAsync($"/api/surveys/{winter}/imports",
            new StringContent(string.Join('\n', csv.Split('\n').Take(2)) + "\n", System.Text.Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        var again = await scenario.Client.PostAsync($"/api/surveys/{winter}/imports",
            new StringContent(string.Join('\n', csv.Split('\n').Take(2)) + "\n", System.Text.Encoding.UTF8, "text/csv"));
        Assert.Equal(1, (await again.Content.ReadFromJsonAsync<JsonObject>())!["alreadyImported"]!.GetValue<int>()); // not refused as "already answered"

        async Task<string> PanelIdAsync(string surveyId)
        {
            var zip = new System.IO.Compression.ZipArchive(await scenario.Client.GetStreamAsync($"/api/surveys/{surveyId}/export.zip"));
            var lines = new StreamReader(zip.GetEntry("responses.csv")!.Open()).ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var column = Array.IndexOf(lines[0].Split(','), "panel_id");
            return lines[1].Split(',')[column];
        }
        var id = await PanelIdAsync(autumn);
        Assert.Equal(16, id.Length);
        Assert.Equal(id, await PanelIdAsync(winter)); // the same person in both waves' exports
        Assert.DoesNotContain(codes[0].Replace("-", ""), id, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAnonymousSurvey_RefusesAPanelCode()
    {
        using var factory = new EvaluationApiFactory();
        var scenario = await ApiScenario.CreateAsync(await factory.CreateStaffClientAsync());
        var response = await AnswerAsync(scenario, scenario.SurveyId, "PANEL-0001-CARD", 3);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.NotNull((await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["panelCode"]);
    }

    /// <summary>
    /// A card code with a character mistyped, or missing, is refused naming the field, and nothing is stored; the card's
    /// 12 characters without the check character are its holder's code once they have answered with the whole card.
    /// </summary>
    [Fact]
    public async Task AMistypedCode_IsRefused_InsteadOfStartingANewPanelMember()
    {
        using var factory = new EvaluationApiFactory();
        var scenario = await ApiScenario.CreateAsync(await factory.CreateStaffClientAsync());
        var autumn = await WaveAsync(scenario, "Autumn", "2026-10-01");
        var winter = await WaveAsync(scenario, "Winter", "2026-11-15");
        var code = Evaluation.Api.Panels.PanelCode.New();
        var payload = code.Replace("-", "")[..12];
        var slip = (payload[0] == '7' ? "8" : "7") + code[1..];

        foreach (var typed in new[] { slip, payload, code.Remove(3, 1) })
        {
            var refused = await AnswerAsync(scenario, autumn, typed, 3);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
            Assert.Contains("does not check out", (await refused.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["panelCode"]![0]!.GetValue<string>(),
                StringComparison.Ordinal);
        }
        await using (var connection = await factory.OpenDatabaseAsync())
        {
            Assert.Equal(0, await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM responses"));
        }

        Assert.Equal(HttpStatusCode.Created, (await AnswerAsync(scenario, autumn, code, 3)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await AnswerAsync(scenario, winter, payload.ToLowerInvariant(), 4)).StatusCode); // known: the same person
        Assert.Equal(HttpStatusCode.Conflict, (await AnswerAsync(scenario, winter, code, 4)).StatusCode); // and so already answered

        var csv = $"circle,stakeholder_group,panel_code,learning-access-1\nNorth,care-worker,{slip},4\n";
        var imported = await scenario.Client.PostAsync($"/api/surveys/{winter}/imports", new StringContent(csv, System.Text.Encoding.UTF8, "text/csv"));
        Assert.Contains("line 2, panel_code", (await imported.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().Select(e => e.Key));
    }
}

public class PanelCodeTests
{
    /// <summary>Every code with one character replaced by another, or two different neighbours swapped, fails its check.</summary>
    [Fact]
    public void EverySingleSlipAndSwap_FailsTheCheck()
    {
        for (var n = 0; n < 50; n++)
        {
            var code = Evaluation.Api.Panels.PanelCode.New().Replace("-", "");
            Assert.Equal(code[..12], Evaluation.Api.Panels.PanelCode.Payload(code));
            for (var i = 0; i < code.Length; i++)
            {
                foreach (var other in Evaluation.Api.Hosting.Crockford.Alphabet.Where(c => c != code[i]))
                {
                    Assert.Null(Evaluation.Api.Panels.PanelCode.Payload(code[..i] + other + code[(i + 1)..]));
                }
                if (i + 1 < code.Length && code[i] != code[i + 1])
                {
                    Assert.Null(Evaluation.Api.Panels.PanelCode.Payload(code[..i] + code[i + 1] + code[i] + code[(i + 2)..]));
                }
            }
        }
    }
}
