using Evaluation.Api.Instruments;
using Evaluation.Api.Storage;
using Evaluation.Api.Surveys;
using Evaluation.Instruments;

namespace Evaluation.Api.Hosting;

/// <summary>
/// Runs once before the server accepts requests (and before any subcommand): loads and validates the
/// instruments, applies migrations, checks the panel secret is the database's, and refuses to go on if a published
/// instrument version's file has changed.
/// The command line runs it before starting the host, so a refusal prints its reasons without a host stack
/// trace; as a hosted service it also runs for hosts started another way (tests).
/// </summary>
public sealed partial class StartupTasks(IServiceProvider services, ILogger<StartupTasks> logger) : IHostedService, IDisposable
{
    private readonly SemaphoreSlim _once = new(1);
    private bool _done;

    public void Dispose() => _once.Dispose();

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _once.WaitAsync(cancellationToken);
        try
        {
            if (!_done)
            {
                await RunAsync(cancellationToken);
                _done = true;
            }
        }
        finally
        {
            _once.Release();
        }
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var catalog = services.GetRequiredService<InstrumentCatalog>();
        LogInstruments(logger, catalog.Surveys.Count, catalog.TheoriesOfChange.Count, catalog.CapacityAssessments.Count);
        await services.GetRequiredService<Migrator>().MigrateAsync(cancellationToken);
        await services.GetRequiredService<Panels.PanelKeys>().CheckSecretAsync(cancellationToken);
        var published = await services.GetRequiredService<SurveyStore>().PublishedInstrumentsAsync(cancellationToken);
        var problems = published
            .Select(p => (p, File: catalog.FindSurvey(p.Id, p.Version)))
            .Where(x => x.File is null || x.File.Sha256 != x.p.Sha256)
            .Select(x => new InstrumentProblem(x.File?.FileName ?? $"{x.p.Id} v{x.p.Version}", "$",
                x.File is null
                    ? "this published instrument version is used by surveys but its file is missing"
                    : "this published instrument version has been edited; published versions are immutable, save the change as a new version"))
            .ToList();
        if (problems.Count > 0)
        {
            throw new InvalidInstrumentsException("the instruments folder", problems);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Loaded {Surveys} survey instrument(s), {Theories} theory of change file(s), {Capacities} capacity assessment(s)")]
    private static partial void LogInstruments(ILogger logger, int surveys, int theories, int capacities);
}
