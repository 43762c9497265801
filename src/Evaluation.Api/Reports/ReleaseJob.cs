using Evaluation.Api.Hosting;

namespace Evaluation.Api.Reports;

/// <summary>
/// Once at start and then daily: releases the reports each organisation's schedule asks for. <c>at-close</c>: every
/// wave that has closed; <c>quarterly</c>: from the first day of a quarter, the waves that closed before it. A wave
/// already released in a language is left alone; a printing failure is logged and tried again the next day.
/// </summary>
public sealed partial class ReleaseJob(IServiceProvider services, Calendar calendar, TimeProvider time, ILogger<ReleaseJob> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var daily = new PeriodicTimer(TimeSpan.FromDays(1), time);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogFailed(logger, exception);
            }
        }
        while (await daily.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One pass over every schedule; returns how many reports were released.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var releases = services.GetRequiredService<ReleaseStore>();
        var releaser = services.GetRequiredService<Release>();
        var today = calendar.Today();
        var count = 0;
        foreach (var (organisationId, schedule) in await releases.SchedulesAsync(cancellationToken))
        {
            var quarterStart = new DateOnly(today.Year, ((today.Month - 1) / 3 * 3) + 1, 1);
            var due = schedule.Cadence == ReleaseCadence.Quarterly
                ? await releases.ClosedSurveysAsync(organisationId, quarterStart, orClosed: false, cancellationToken)
                : await releases.ClosedSurveysAsync(organisationId, today, orClosed: true, cancellationToken);
            foreach (var surveyId in due)
            {
                var missing = new List<string>();
                foreach (var language in schedule.Languages)
                {
                    if (!await releases.IsReleasedAsync(surveyId, language, cancellationToken))
                    {
                        missing.Add(language);
                    }
                }
                if (missing.Count == 0)
                {
                    continue;
                }
                var outcome = await releaser.ReleaseAsync(surveyId, missing, cancellationToken);
                if (outcome.Refusal == ReleaseRefusal.PrintingFailed)
                {
                    LogPrintingFailed(logger, outcome.Printing?.Problem);
                    return count;
                }
                count += outcome.Releases.Count;
            }
        }
        if (count > 0)
        {
            LogReleased(logger, count);
        }
        return count;
    }

    [LoggerMessage(EventId = 400, Level = LogLevel.Information, Message = "Released {Count} scheduled report(s)")]
    private static partial void LogReleased(ILogger logger, int count);

    [LoggerMessage(EventId = 401, Level = LogLevel.Warning, Message = "Scheduled reports could not be printed ({Problem}); trying again tomorrow")]
    private static partial void LogPrintingFailed(ILogger logger, string? problem);

    [LoggerMessage(EventId = 402, Level = LogLevel.Error, Message = "The release job failed; it runs again tomorrow")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
