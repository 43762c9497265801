using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dapper;
using Evaluation.Api.Instruments;
using Microsoft.Data.Sqlite;

namespace Evaluation.Api.Tests;

/// <summary>
/// Tests that build hosts directly (the real entry point). WebApplicationFactory finds its host by listening to
/// every host built in the process, so a host built there while a factory starts could be taken for its own:
/// this collection runs alone. (Its definition carries no trait: xunit gives a definition's traits to every test
/// in the collection.)
/// </summary>
[CollectionDefinition(nameof(HostsBuiltDirectly), DisableParallelization = true)]
public sealed class HostsBuiltDirectly;

/// <summary>Start-up and migration of the real entry point. They build SQLite files by hand, so they run once, on SQLite.</summary>
[Collection(nameof(HostsBuiltDirectly))]
[Trait(TestBackend.Trait, TestBackend.SqliteOnly)]
public class StartupTests
{
    private static string CopyShippedInstruments()
    {
        var folder = Directory.CreateTempSubdirectory("evaluation-instruments-").FullName;
        foreach (var file in Directory.EnumerateFiles(RepositoryPaths.Instruments, "*.json"))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }
        return folder;
    }

    [Fact]
    public async Task Serve_WithAnInvalidInstrument_RefusesToStartAndPrintsEveryProblem()
    {
        var folder = CopyShippedInstruments();
        var path = Path.Combine(folder, "social-climate.v1.json");
        var survey = JsonNode.Parse(File.ReadAllText(path))!;
        survey["bands"]![1]!["from"]!["value"] = 2.75;
        survey["domains"]![0]!["title"]!.AsObject().Remove("cy");
        File.WriteAllText(path, survey.ToJsonString());

        // The real entry point, as `dotnet run` would call it with no subcommand.
        var stderr = new StringWriter();
        var original = Console.Error;
        Console.SetError(stderr);
        int exitCode;
        try
        {
            exitCode = await Evaluation.Api.Commands.CommandLine.RunAsync(
                [$"--Evaluation:InstrumentsPath={folder}", $"--Evaluation:Storage:DatabasePath={Path.Combine(folder, "never.db")}", "--urls=http://127.0.0.1:0"]);
        }
        finally
        {
            Console.SetError(original);
        }

        Assert.Equal(2, exitCode);
        var printed = stderr.ToString();
        Assert.Contains("social-climate.v1.json: $.bands[1].from: gap: scores between 2.5 and 2.75 fall in no band", printed, StringComparison.Ordinal);
        Assert.Contains("social-climate.v1.json: $.domains[0].title.cy: missing translation (cy)", printed, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(folder, "never.db")), "no database is created when the instruments are invalid");
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public void SplitSettings_SendsConfigurationToTheHostAndTheRestToTheCommandParser()
    {
        var (settings, tokens) = Evaluation.Api.Commands.CommandLine.SplitSettings(
            ["create-key", "--role", "admin", "--Evaluation:Storage:DatabasePath=/tmp/x.db", "--urls", "http://127.0.0.1:0", "--Evaluation:TimeZone", "UTC"]);
        Assert.Equal(["--Evaluation:Storage:DatabasePath=/tmp/x.db", "--urls", "http://127.0.0.1:0", "--Evaluation:TimeZone", "UTC"], settings);
        Assert.Equal(["create-key", "--role", "admin"], tokens);
    }

    [Theory]
    [InlineData("check-instrument")]
    [InlineData("check-instruments", "--pth", "/nowhere")]
    [InlineData("create-key", "--role", "owner")]
    public async Task MistypedCommandOrOption_IsAnErrorAndStartsNothing(params string[] args)
    {
        var folder = Directory.CreateTempSubdirectory("evaluation-typo-").FullName;
        var database = Path.Combine(folder, "typo.db");
        var stderr = new StringWriter();
        var original = Console.Error;
        Console.SetError(stderr);
        int exitCode;
        try
        {
            exitCode = await Evaluation.Api.Commands.CommandLine.RunAsync([.. args, $"--Evaluation:Storage:DatabasePath={database}", "--urls=http://127.0.0.1:0"]);
        }
        finally
        {
            Console.SetError(original);
        }
        Assert.NotEqual(0, exitCode);
        Assert.False(File.Exists(database), "nothing was started or created");
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task StartupTasks_WithAnInvalidInstrument_ThrowWithEveryProblem()
    {
        var folder = CopyShippedInstruments();
        var path = Path.Combine(folder, "theory-of-change.v1.json");
        var theory = JsonNode.Parse(File.ReadAllText(path))!;
        theory["outcomes"]![0]!["evidence"]![0] = new JsonObject { ["factor"] = "no-such-factor" };
        File.WriteAllText(path, theory.ToJsonString());

        await using var app = Evaluation.Api.Hosting.EvaluationHost.Build(
            [$"--Evaluation:InstrumentsPath={folder}", $"--Evaluation:Storage:DatabasePath={Path.Combine(folder, "x.db")}", "--urls=http://127.0.0.1:0"]);
        var invalid = await Assert.ThrowsAsync<InvalidInstrumentsException>(() => app.StartAsync());
        Assert.Equal("$.outcomes[0].evidence[0].factor", Assert.Single(invalid.Problems).Path);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Start_AfterAPublishedInstrumentWasEdited_Refuses()
    {
        var folder = CopyShippedInstruments();
        var database = Path.Combine(folder, "published.db");
        using (var first = new EvaluationApiFactory { InstrumentsPath = folder })
        {
            await ApiScenario.CreateAsync(await first.CreateStaffClientAsync()); // publishes social-climate v1
            await using (var connection = await first.OpenDatabaseAsync())
            {
                // A copy of the running service's database, as `backup --to` makes it: the file alone may lack what is
                // still in the WAL (the writer keeps its connection open, so nothing checkpoints it on close).
                await connection.ExecuteAsync("VACUUM INTO @database", new { database });
            }
            File.Copy(first.DatabasePath + ".panel-secret", database + ".panel-secret"); // a backup takes both
        }
        var path = Path.Combine(folder, "social-climate.v1.json");
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"Growth\"", "\"Personal growth\"", StringComparison.Ordinal));

        await using var app = Evaluation.Api.Hosting.EvaluationHost.Build(
            [$"--Evaluation:InstrumentsPath={folder}", $"--Evaluation:Storage:DatabasePath={database}", "--urls=http://127.0.0.1:0"]);
        var invalid = await Assert.ThrowsAsync<InvalidInstrumentsException>(() => app.StartAsync());
        Assert.Contains("has been edited", Assert.Single(invalid.Problems).Message, StringComparison.Ordinal);
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Start_WhenAnAppliedMigrationNoLongerMatchesItsScript_Refuses()
    {
        var folder = Directory.CreateTempSubdirectory("evaluation-migrations-").FullName;
        var database = Path.Combine(folder, "evaluation.db");
        string[] args = [$"--Evaluation:InstrumentsPath={RepositoryPaths.Instruments}", $"--Evaluation:Storage:DatabasePath={database}", "--urls=http://127.0.0.1:0"];
        await using (var first = Evaluation.Api.Hosting.EvaluationHost.Build(args))
        {
            await first.StartAsync();
            await first.StopAsync();
        }
        await using (var connection = new SqliteConnection($"Data Source={database};Pooling=False"))
        {
            await connection.ExecuteAsync("UPDATE schema_migrations SET sha256 = 'edited' WHERE version = 1");
        }

        await using var second = Evaluation.Api.Hosting.EvaluationHost.Build(args);
        var refused = await Assert.ThrowsAsync<Evaluation.Api.Storage.MigrationException>(() => second.StartAsync());
        Assert.Contains("001_initial.sql was edited after it was applied", refused.Message, StringComparison.Ordinal);
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Start_WithAnotherPanelSecretThanTheDatabaseWasUsedWith_Refuses()
    {
        var folder = Directory.CreateTempSubdirectory("evaluation-panel-secret-").FullName;
        var database = Path.Combine(folder, "evaluation.db");
        string[] args = [$"--Evaluation:InstrumentsPath={RepositoryPaths.Instruments}", $"--Evaluation:Storage:DatabasePath={database}", "--urls=http://127.0.0.1:0"];
        await using (var first = Evaluation.Api.Hosting.EvaluationHost.Build(args))
        {
            await first.StartAsync();
            await first.StopAsync();
        }
        File.Delete(database + ".panel-secret"); // a restore that forgot the secret: a new one would be made

        await using var second = Evaluation.Api.Hosting.EvaluationHost.Build(args);
        var refused = await Assert.ThrowsAsync<Evaluation.Api.Panels.PanelSecretMismatchException>(() => second.StartAsync());
        Assert.Contains("is not the one", refused.Message, StringComparison.Ordinal);
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task ResponsesTable_KeepsNoTraceOfSubmissionOrder()
    {
        using var factory = new EvaluationApiFactory();
        var scenario = await ApiScenario.CreateAsync(await factory.CreateStaffClientAsync());
        var submitted = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            var posted = await scenario.PostResponseAsync(scenario.NorthCircleId, "care-worker", ApiScenario.AllItemsKeyed("care-worker", 3));
            submitted.Add((await posted.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>());
        }

        await using var connection = new SqliteConnection($"Data Source={factory.DatabasePath};Mode=ReadOnly;Pooling=False");
        var stored = (await connection.QueryAsync<string>("SELECT id FROM responses ORDER BY rowid")).ToList();
        Assert.Equal(submitted.Order(StringComparer.Ordinal), stored.Order(StringComparer.Ordinal));
        Assert.NotEqual(submitted, stored); // the same order by chance: 1 in 20!
    }

    [Fact]
    public async Task Start_OnADatabaseWithAnswersInTheirOwnTable_MovesEveryAnswerIntoItsResponseRow()
    {
        var folder = Directory.CreateTempSubdirectory("evaluation-migrate-002-").FullName;
        var database = Path.Combine(folder, "evaluation.db");
        var first = Evaluation.Api.Storage.Migrator.Scripts("Sqlite")[0];
        var shipped = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
            File.ReadAllBytes(Path.Combine(RepositoryPaths.Instruments, "social-climate.v1.json"))));
        await using (var connection = new SqliteConnection($"Data Source={database};Pooling=False"))
        {
            await connection.OpenAsync();
            await connection.ExecuteAsync("CREATE TABLE schema_migrations (version INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL, sha256 TEXT NOT NULL, applied_at TEXT NOT NULL)");
            await connection.ExecuteAsync(first.Sql);
            await connection.ExecuteAsync("INSERT INTO schema_migrations VALUES (1, @Name, @Sha256, '2026-11-01T00:00:00Z')", new { first.Name, first.Sha256 });
            await connection.ExecuteAsync(
                """
                INSERT INTO organisations VALUES ('org', 'Co-op', '2026-11-01');
                INSERT INTO circles VALUES ('north', 'org', NULL, 'North', '2026-11-01');
                INSERT INTO instrument_versions VALUES ('social-climate', '1', @shipped, '2026-11-01');
                INSERT INTO surveys VALUES ('wave', 'org', 'social-climate', '1', 'Wave', '2026-11-01', '2026-12-01', '2026-11-01');
                INSERT INTO survey_groups VALUES ('wave', 'care-worker', 0);
                INSERT INTO survey_circles VALUES ('wave', 'north');
                INSERT INTO responses VALUES ('r1', 'wave', 'social-climate', '1', 'org', 'north', 'care-worker', 'self', '2026-11-02', 'hash-1');
                INSERT INTO responses VALUES ('r2', 'wave', 'social-climate', '1', 'org', 'north', 'care-worker', 'paper', '2026-11-03', 'hash-2');
                INSERT INTO answers VALUES ('r1', 'learning-access-1', 4), ('r1', 'learning-access-2', NULL), ('r1', 'influence-1', 2);
                """, new { shipped });
        }

        await using (var app = Evaluation.Api.Hosting.EvaluationHost.Build(
            [$"--Evaluation:InstrumentsPath={RepositoryPaths.Instruments}", $"--Evaluation:Storage:DatabasePath={database}", "--urls=http://127.0.0.1:0"]))
        {
            await app.StartAsync();
            await app.StopAsync();
        }

        await using (var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False"))
        {
            var rows = (await connection.QueryAsync<(string Id, string Mode, string Answers)>(
                "SELECT id, completion_mode, answers FROM responses ORDER BY id")).ToList();
            Assert.Equal(2, rows.Count);
            var answers = JsonNode.Parse(rows[0].Answers)!.AsObject();
            Assert.Equal(4, answers["learning-access-1"]!.GetValue<int>());
            Assert.True(answers.ContainsKey("learning-access-2") && answers["learning-access-2"] is null);
            Assert.Equal(2, answers["influence-1"]!.GetValue<int>());
            Assert.Equal(3, answers.Count);
            Assert.Equal(("r2", "paper", "{}"), rows[1]);
            Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM sqlite_schema WHERE name = 'answers'"));
        }
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}
