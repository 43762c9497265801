using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Dapper;

namespace Evaluation.Api.Tests;

public class ImportTests
{
    private static readonly string Header = "circle,stakeholder_group,completion_mode,learning-access-1,learning-access-2,influence-1,voice-1";

    private static Task<HttpResponseMessage> ImportAsync(ApiScenario scenario, string csv, bool validRowsOnly = false) =>
        scenario.Client.PostAsync($"/api/surveys/{scenario.SurveyId}/imports{(validRowsOnly ? "?validRowsOnly=true" : "")}",
            new StringContent(csv, Encoding.UTF8, "text/csv"));

    /// <summary>The <c>import</c> command on the factory's database, as an evaluator runs it beside the service.</summary>
    private static Task<int> ImportCommandAsync(EvaluationApiFactory factory, string surveyId, string path) =>
        Evaluation.Api.Commands.CommandLine.RunAsync(["import", "--survey", surveyId, "--file", path,
            $"--Evaluation:Storage:DatabasePath={factory.DatabasePath}",
            $"--Evaluation:Storage:PostgresConnectionString={factory.PostgresConnectionString ?? ""}"]);

    [Fact]
    public async Task TheImportCommand_StoresAFileOnce_AndOnlyWhileTheSurveyIsOpen()
    {
        using var factory = new EvaluationApiFactory();
        // Open on the service's fake day and on the command's real one.
        var scenario = await ApiScenario.CreateAsync(await factory.CreateStaffClientAsync(), opensOn: "2026-11-01", closesOn: "2099-12-31");
        var path = Path.Combine(Path.GetDirectoryName(factory.DatabasePath)!, "paper.csv");
        await File.WriteAllTextAsync(path, $"""
            {Header}
            North,care-worker,paper,4,4,3,5
            South,volunteer,self,3,3,3,3
            """);

        Assert.Equal(0, await ImportCommandAsync(factory, scenario.SurveyId, path));
        Assert.Equal(0, await ImportCommandAsync(factory, scenario.SurveyId, path)); // the same file again: nothing new
        Assert.Equal(2, await factory.CountAsync("responses"));
        await scenario.Client.PostAsync($"/api/surveys/{scenario.SurveyId}/close", null);
        await File.AppendAllTextAsync(path, "North,care-worker,paper,2,2,2,2\n");
        Assert.Equal(2, await ImportCommandAsync(factory, scenario.SurveyId, path));
        Assert.Equal(2, await factory.CountAsync("responses"));
    }

    [Fact]
    public async Task BadRows_AreEachReportedByLineAndColumn_AndNothingIsStored()
    {
        using var factory = new EvaluationApiFactory();
        var scenario = await ApiScenario.CreateAsync(await factory.CreateStaffClientAsync());
        var csv = $"""
            {Header}
            North,care-worker,paper,4,4,3,5
            Nowhere,care-worker,,4,4,3,5
            North,care-worker,paper,4,7,3,5
            South,drawing-on-care,assisted,4,x,3,
            South,volunteer,self,3,3,3,3
            """;

        var response = await ImportAsync(scenario, csv);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        Assert.Equal(["line 3, circle", "line 4, learning-access-2", "line 5, learning-access-2"], errors.Select(e => e.Key).Order(StringComparer.Ordinal));
        // Out of range (7) and not a number (x): each says how the file marks a missing answer.
        Assert.All(new[] { "line 4, learning-access-2", "line 5, learning-access-2" },
            key => Assert.Contains("empty for no answer", errors[key]![0]!.GetValue<string>(), StringComparison.Ordinal));
        Assert.Equal(0, await factory.CountAsync("responses"));
    }

    [Fact]
    public async Task ValidRowsOnly_ImportsTheGoodRows_AndTheSameFileTwiceImportsNothingNew()
    {
        using var factory = new EvaluationApiFactory();
        var scenario = await ApiScenario.CreateAsync(await factory.CreateStaffClientAsync());
        var csv = $"""
            {Header}
            North,care-worker,,4,4,3,5
            north,care-worker,,4,4,3,5
            South,drawing-on-care,assisted,NA,2,3,
            North,care-worker,paper,4,9,3,5
            """;

        var first = (await (await ImportAsync(scenario, csv, validRowsOnly: true)).Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(4, first["rows"]!.GetValue<int>());
        Assert.Equal(3, first["imported"]!.GetValue<int>()); // the two identical forms are two people
        Assert.Equal(5, Assert.Single(first["rejected"]!.AsArray())!["line"]!.GetValue<int>());

        var again = (await (await ImportAsync(scenario, csv, validRowsOnly: true)).Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(0, again["imported"]!.GetValue<int>());
        Assert.Equal(3, again["alreadyImported"]!.GetValue<int>());

        Assert.Equal(3, await factory.CountAsync("responses"));

        // The bad line corrected (9 → 5) and the whole file imported again: only that line is new.
        var corrected = (await (await ImportAsync(scenario, csv.Replace("paper,4,9,3,5", "paper,4,5,3,5", StringComparison.Ordinal)))
            .Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal((1, 3), (corrected["imported"]!.GetValue<int>(), corrected["alreadyImported"]!.GetValue<int>()));
        Assert.Equal(4, await factory.CountAsync("responses"));

        var scores = (await scenario.Client.GetFromJsonAsync<JsonObject>($"/api/surveys/{scenario.SurveyId}/scores"))!;
        var paper = scores["completionModes"]!.AsArray().Single(m => m!["key"]!.GetValue<string>() == "paper")!;
        Assert.Equal("suppressed", paper["status"]!.GetValue<string>()); // 4 paper forms: fewer than 5
    }

    [Fact]
    public async Task WithFormIds_ACorrectedOrLongerFile_ImportsOnlyTheNewForms()
    {
        using var factory = new EvaluationApiFactory();
        var scenario = await ApiScenario.CreateAsync(await factory.CreateStaffClientAsync());
        var batch = $"form_id,{Header}\nP-001,North,care-worker,,4,4,3,5\nP-002,North,care-worker,,4,4,3,5\n";
        Assert.Equal(2, (await (await ImportAsync(scenario, batch)).Content.ReadFromJsonAsync<JsonObject>())!["imported"]!.GetValue<int>());

        var longer = batch + "P-003,South,volunteer,,3,3,3,3\n";
        var second = (await (await ImportAsync(scenario, longer)).Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(1, second["imported"]!.GetValue<int>());
        Assert.Equal(2, second["alreadyImported"]!.GetValue<int>());
        Assert.Equal(3, await factory.CountAsync("responses"));

        var twice = await ImportAsync(scenario, $"form_id,{Header}\nP-009,North,care-worker,,4,4,3,5\nP-009,North,care-worker,,4,4,3,5\n");
        Assert.Contains("line 3, form_id", (await twice.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().Select(e => e.Key));
    }

    [Fact]
    public async Task UnreadableCsv_IsReportedByLine_NotA500()
    {
        using var factory = new EvaluationApiFactory();
        var scenario = await ApiScenario.CreateAsync(await factory.CreateStaffClientAsync());
        var response = await ImportAsync(scenario, $"{Header}\nNorth,care-worker,,4,4,3,5\nNorth,care-worker\nNorth,care-worker,,4,\"4,3,5\n");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        Assert.Contains("line 3", errors.Select(e => e.Key));
        Assert.Equal(0, await factory.CountAsync("responses"));
    }

    [Fact]
    public async Task AnUnknownColumn_IsRefusedAtTheHeader()
    {
        using var factory = new EvaluationApiFactory();
        var scenario = await ApiScenario.CreateAsync(await factory.CreateStaffClientAsync());
        var response = await ImportAsync(scenario, "circle,stakeholder_group,learning-acces-1\nNorth,care-worker,4\n");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("line 1, learning-acces-1", (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().Select(e => e.Key));
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData(null)]
    public async Task ABodyThatIsNotCsv_Is415ProblemDetails(string? contentType)
    {
        using var factory = new EvaluationApiFactory();
        var scenario = await ApiScenario.CreateAsync(await factory.CreateStaffClientAsync());
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes("circle,stakeholder_group\n"));
        if (contentType is not null)
        {
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        }
        var response = await scenario.Client.PostAsync($"/api/surveys/{scenario.SurveyId}/imports", content);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, await factory.CountAsync("responses"));
    }
}
