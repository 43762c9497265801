using System.CommandLine;
using Evaluation.Api.Hosting;
using Evaluation.Api.Instruments;
using Evaluation.Api.Security;
using Evaluation.Api.Storage;
using Evaluation.Instruments;
using Microsoft.Extensions.Options;

namespace Evaluation.Api.Commands;

/// <summary>The one executable: serves by default; admin subcommands share its configuration and storage.</summary>
public static class CommandLine
{
    /// <summary>Host settings that may be given as <c>--key value</c> on any command line, besides any <c>--Section:Key</c>.</summary>
    private static readonly string[] HostKeys = ["urls", "environment", "contentRoot", "applicationName", "http_ports", "https_ports"];

    /// <summary>The commands' own options: never taken for configuration, even written <c>--option=value</c>.</summary>
    private static readonly string[] CommandOptions =
        ["role", "responses", "seed", "path", "instrument", "keys", "group", "scale-min", "scale-max", "format", "help", "version"];

    public static async Task<int> RunAsync(string[] args)
    {
        // Configuration overrides go to the host; everything else must be a known command or option, so a typo
        // ("check-instrument", "--pth") is an error instead of silently starting the server or using a default.
        var (settings, commandTokens) = SplitSettings(args);
        var root = new RootCommand("Evaluation: social-climate surveys and impact reports for care co-operatives. With no command, serves the API.");
        root.SetAction((_, cancellationToken) => ServeAsync(settings, cancellationToken));

        var role = new Option<string>("--role") { Description = "Role of the key: " + string.Join(", ", Kebab.All<Role>()), Required = true };
        role.AcceptOnlyFromAmong([.. Kebab.All<Role>()]);
        var organisation = new Option<string?>("--organisation") { Description = "The organisation an evaluator, circle-lead or funder key belongs to." };
        var circles = new Option<string[]>("--circle") { Description = "A circle a circle-lead key covers (repeat for several).", AllowMultipleArgumentsPerToken = false };
        var label = new Option<string>("--label") { Description = "Whose key it is, for the key list and audit trail.", DefaultValueFactory = _ => "created on the command line" };
        var createKey = new Command("create-key", "Create an API key and print it once (only its hash is stored).") { role, organisation, circles, label };
        createKey.SetAction((parse, cancellationToken) => WithHostAsync(settings, async app =>
        {
            var keys = app.Services.GetRequiredService<ApiKeyStore>();
            var key = new NewApiKey(Kebab.Parse<Role>(parse.GetValue(role)!), parse.GetValue(label)!, parse.GetValue(organisation), parse.GetValue(circles) ?? []);
            var problems = await keys.CheckScopeAsync(key, cancellationToken);
            if (problems.Count > 0)
            {
                foreach (var (field, message) in problems)
                {
                    await Console.Error.WriteLineAsync($"--{(field == "organisationId" ? "organisation" : field == "circleIds" ? "circle" : field)}: {message}");
                }
                return 2;
            }
            var (_, secret) = await keys.CreateAsync(key, app.Services.GetRequiredService<Calendar>().Today(), cancellationToken);
            Console.WriteLine(secret);
            return 0;
        }, cancellationToken));

        var importSurvey = new Option<string>("--survey") { Description = "The survey to import into (it must be open).", Required = true };
        var importFile = new Option<FileInfo>("--file") { Description = "CSV of paper responses: circle,stakeholder_group[,completion_mode],<item ids>.", Required = true };
        importFile.AcceptExistingOnly();
        var validRowsOnly = new Option<bool>("--valid-rows-only") { Description = "Import the valid rows even when some are bad (default: all or nothing)." };
        var import = new Command("import", "Import paper responses from a CSV file; every bad row is listed, and the same file twice imports nothing new.")
        {
            importSurvey, importFile, validRowsOnly,
        };
        import.SetAction((parse, cancellationToken) => WithHostAsync(settings,
            app => ImportCommand.RunAsync(app.Services, parse.GetValue(importSurvey)!, parse.GetValue(importFile)!, parse.GetValue(validRowsOnly), cancellationToken),
            cancellationToken));

        var responses = new Option<int>("--responses") { Description = "How many synthetic responses to create (1–100000).", DefaultValueFactory = _ => 300 };
        responses.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 100_000)
            {
                result.AddError("--responses must be between 1 and 100000.");
            }
        });
        var seed = new Option<int>("--seed") { Description = "Random seed for the synthetic responses.", DefaultValueFactory = _ => 20261122 };
        var demo = new Command("demo", "Create a demo organisation with two circles, a survey and synthetic responses from every group.") { responses, seed };
        demo.SetAction((parse, cancellationToken) => WithHostAsync(settings,
            app => DemoData.CreateAsync(app.Services, parse.GetValue(responses), parse.GetValue(seed), Console.Out, cancellationToken), cancellationToken));

        var folder = new Option<string?>("--path") { Description = "Instruments folder (default: the configured one)." };
        var check = new Command("check-instruments", "Validate every instrument file and list all problems.") { folder };
        check.SetAction(parse => CheckInstruments(parse.GetValue(folder) ?? ConfiguredInstrumentsPath(settings)));

        var verifyAudit = new Command("verify-audit", "Check the staff audit log's hash chain; prints its head hash to note down elsewhere, exits 1 when broken.");
        verifyAudit.SetAction((_, cancellationToken) => WithHostAsync(settings, async app =>
        {
            var result = await app.Services.GetRequiredService<AuditLog>().VerifyAsync(cancellationToken);
            Console.WriteLine(result.Intact
                ? $"audit chain intact: {result.Checked} entries, head {result.HeadHash ?? "(empty)"}; {result.Unchained} older entries outside the chain"
                : $"audit chain BROKEN at entry {result.FirstBrokenId}: {result.Checked} entries before it fit, the last of them {result.HeadHash ?? "(none)"}");
            return result.Intact ? 0 : 1;
        }, cancellationToken));
        var backupTo = new Option<FileInfo>("--to") { Description = "The file to write (it must not exist yet).", Required = true };
        var backup = new Command("backup", "Copy the SQLite database, consistent as of one moment, while the service keeps running (PostgreSQL: use pg_dump).")
        {
            backupTo,
        };
        backup.SetAction((parse, cancellationToken) => WithHostAsync(settings, async app =>
        {
            var target = parse.GetValue(backupTo)!;
            if (target.Exists)
            {
                await Console.Error.WriteLineAsync($"--to: {target.FullName} already exists; choose a new file.");
                return 2;
            }
            if (!await app.Services.GetRequiredService<Database>().Dialect.BackupAsync(target.FullName, cancellationToken))
            {
                await Console.Error.WriteLineAsync("This service runs on PostgreSQL: back it up with pg_dump.");
                return 2;
            }
            Console.WriteLine($"backed up to {target.FullName}");
            return 0;
        }, cancellationToken));
        root.Subcommands.Add(AnalyzeCommandLine());
        root.Subcommands.Add(backup);
        root.Subcommands.Add(verifyAudit);
        root.Subcommands.Add(createKey);
        root.Subcommands.Add(demo);
        root.Subcommands.Add(import);
        root.Subcommands.Add(check);
        return await root.Parse(commandTokens).InvokeAsync();
    }

    private static Command AnalyzeCommandLine()
    {
        var responses = new Option<FileInfo>("--responses") { Description = "Responses CSV: one row per respondent, one column per item, empty cells missing.", Required = true };
        var instrument = new Option<FileInfo?>("--instrument") { Description = "A survey instrument JSON file (its items, factors, rules and scale)." };
        var keys = new Option<FileInfo?>("--keys") { Description = "Keys CSV with columns item,domain,reverse (optional factor)." };
        var group = new Option<string?>("--group") { Description = "Column to group by (e.g. wave); changes are reported between consecutive groups." };
        var scaleMin = new Option<int>("--scale-min") { Description = "Lowest answer (with --keys).", DefaultValueFactory = _ => 1 };
        var scaleMax = new Option<int>("--scale-max") { Description = "Highest answer (with --keys).", DefaultValueFactory = _ => 5 };
        var format = new Option<string>("--format") { Description = "json or table.", DefaultValueFactory = _ => "json" };
        format.AcceptOnlyFromAmong("json", "table");
        var listwise = new Option<bool>("--listwise") { Description = "Reliability on complete rows only (psych on na.omit) instead of pairwise." };
        responses.AcceptExistingOnly();
        var command = new Command("analyze", "Scores, psych-style reliability and change between groups for a spreadsheet of responses.")
        {
            responses, instrument, keys, group, scaleMin, scaleMax, format, listwise,
        };
        command.Validators.Add(result =>
        {
            if ((result.GetValue(instrument) is null) == (result.GetValue(keys) is null))
            {
                result.AddError("Give exactly one of --instrument or --keys.");
            }
            foreach (var file in new[] { result.GetValue(instrument), result.GetValue(keys) }.OfType<FileInfo>().Where(f => !f.Exists))
            {
                result.AddError($"File does not exist: '{file.FullName}'.");
            }
        });
        command.SetAction(parse => Analysis.AnalyzeCommand.Run(parse.GetValue(responses)!, parse.GetValue(instrument), parse.GetValue(keys),
            parse.GetValue(group), parse.GetValue(scaleMin), parse.GetValue(scaleMax), parse.GetValue(format)!, Console.Out, Console.Error,
            parse.GetValue(listwise)));
        return command;
    }

    /// <summary>
    /// Separates configuration settings from command tokens. Settings are <c>--key=value</c> for any key that is
    /// not a command option (hosts such as WebApplicationFactory pass <c>--environment=…</c>, <c>--Evaluation=</c>),
    /// and <c>--Section:Key value</c> or <c>--urls value</c>.
    /// </summary>
    internal static (string[] Settings, string[] CommandTokens) SplitSettings(IReadOnlyList<string> args)
    {
        var settings = new List<string>();
        var tokens = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var token = args[i];
            var key = token.StartsWith("--", StringComparison.Ordinal) ? token[2..].Split('=', 2)[0] : null;
            var hasValue = token.Contains('=', StringComparison.Ordinal);
            if (key is not null && !CommandOptions.Contains(key, StringComparer.OrdinalIgnoreCase) &&
                (hasValue || key.Contains(':', StringComparison.Ordinal) || HostKeys.Contains(key, StringComparer.OrdinalIgnoreCase)))
            {
                settings.Add(token);
                if (!hasValue && i + 1 < args.Count)
                {
                    settings.Add(args[++i]);
                }
                continue;
            }
            tokens.Add(token);
        }
        return ([.. settings], [.. tokens]);
    }

    private static async Task<int> ServeAsync(string[] args, CancellationToken cancellationToken)
    {
        try
        {
            await using var app = EvaluationHost.Build(args);
            await app.Services.GetRequiredService<StartupTasks>().StartAsync(cancellationToken);
            await app.RunAsync(cancellationToken);
            return 0;
        }
        catch (Exception exception) when (StartupFailure(exception) is { } message)
        {
            await Console.Error.WriteLineAsync(message);
            return 2;
        }
    }

    /// <summary>Builds the host and runs the start-up checks (instruments, migrations) without serving.</summary>
    private static async Task<int> WithHostAsync(string[] args, Func<WebApplication, Task<int>> command, CancellationToken cancellationToken)
    {
        try
        {
            await using var app = EvaluationHost.Build(args);
            await app.Services.GetRequiredService<StartupTasks>().StartAsync(cancellationToken);
            return await command(app);
        }
        catch (Exception exception) when (StartupFailure(exception) is { } message)
        {
            await Console.Error.WriteLineAsync(message);
            return 2;
        }
    }

    private static string? StartupFailure(Exception exception) => exception switch
    {
        InvalidInstrumentsException invalid => invalid.Message,
        Storage.MigrationException migration => migration.Message,
        Panels.PanelSecretMismatchException mismatch => mismatch.Message,
        Npgsql.NpgsqlException postgres => "The PostgreSQL database cannot be used: " + postgres.Message,
        OptionsValidationException options => "Invalid configuration: " + string.Join(" ", options.Failures),
        AggregateException aggregate => aggregate.InnerExceptions.Select(StartupFailure).FirstOrDefault(m => m is not null),
        _ => exception.InnerException is null ? null : StartupFailure(exception.InnerException),
    };

    private static string ConfiguredInstrumentsPath(string[] args)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(args)
            .Build();
        var options = new EvaluationOptions();
        configuration.GetSection(EvaluationOptions.Section).Bind(options);
        return options.ResolveInstrumentsPath();
    }

    private static int CheckInstruments(string folder)
    {
        var result = InstrumentLoader.LoadDirectory(folder);
        if (result.Catalog is null)
        {
            Console.Error.WriteLine(new InvalidInstrumentsException(folder, result.Problems).Message);
            return 2;
        }
        Console.WriteLine($"{folder}: {result.Catalog.Surveys.Count} survey instrument(s), {result.Catalog.TheoriesOfChange.Count} theory of change file(s), " +
                          $"{result.Catalog.CapacityAssessments.Count} capacity assessment(s); no problems.");
        return 0;
    }
}
