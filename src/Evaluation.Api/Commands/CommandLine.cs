using System.CommandLine;
using Evaluation.Api.Hosting;
using Evaluation.Api.Instruments;
using Evaluation.Api.Security;
using Evaluation.Instruments;
using Microsoft.Extensions.Options;

namespace Evaluation.Api.Commands;

/// <summary>The one executable: serves by default; admin subcommands share its configuration and storage.</summary>
public static class CommandLine
{
    public static async Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("Evaluation: social-climate surveys and impact reports for care co-operatives. With no command, serves the API.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        root.SetAction((_, cancellationToken) => ServeAsync(args, cancellationToken));

        var role = new Option<string>("--role") { Description = "Role of the key: " + string.Join(", ", Roles.Issuable), Required = true };
        role.AcceptOnlyFromAmong([.. Roles.Issuable]);
        var createKey = new Command("create-key", "Create a staff API key and print it once (only its hash is stored).") { role };
        createKey.TreatUnmatchedTokensAsErrors = false;
        createKey.SetAction((parse, cancellationToken) => WithHostAsync(args, async app =>
        {
            var keys = app.Services.GetRequiredService<ApiKeyStore>();
            var (_, secret) = await keys.CreateAsync(parse.GetValue(role)!, app.Services.GetRequiredService<Calendar>().Today(), cancellationToken);
            Console.WriteLine(secret);
            return 0;
        }, cancellationToken));

        var responses = new Option<int>("--responses") { Description = "How many synthetic responses to create.", DefaultValueFactory = _ => 300 };
        var seed = new Option<int>("--seed") { Description = "Random seed for the synthetic responses.", DefaultValueFactory = _ => 20261122 };
        var demo = new Command("demo", "Create a demo organisation with two circles, a survey and synthetic responses from every group.") { responses, seed };
        demo.TreatUnmatchedTokensAsErrors = false;
        demo.SetAction((parse, cancellationToken) => WithHostAsync(args,
            app => DemoData.CreateAsync(app.Services, parse.GetValue(responses), parse.GetValue(seed), Console.Out, cancellationToken), cancellationToken));

        var folder = new Option<string?>("--path") { Description = "Instruments folder (default: the configured one)." };
        var check = new Command("check-instruments", "Validate every instrument file and list all problems.") { folder };
        check.TreatUnmatchedTokensAsErrors = false;
        check.SetAction(parse => CheckInstruments(parse.GetValue(folder) ?? ConfiguredInstrumentsPath(args)));

        root.Subcommands.Add(createKey);
        root.Subcommands.Add(demo);
        root.Subcommands.Add(check);
        return await root.Parse(args).InvokeAsync();
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
