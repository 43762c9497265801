using Evaluation.Api.Hosting;
using Microsoft.Extensions.Options;

namespace Evaluation.Api.Invitations;

/// <summary>
/// Once at start and then daily: deletes invitation tokens and drafts of surveys closed more than
/// <see cref="EvaluationOptions.RetentionDays"/> days ago, and idempotency records older than that; and, when
/// <see cref="EvaluationOptions.ResponseRetentionDays"/> is set, the raw responses of surveys closed longer ago than
/// that, once their scores are kept.
/// </summary>
public sealed partial class RetentionJob(InvitationStore invitations, Responses.ResponseStore responses, Scores.SurveyScoring scoring, Calendar calendar,
    TimeProvider time, IOptions<EvaluationOptions> options, ILogger<RetentionJob> logger) : BackgroundService
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

    /// <summary>One pass: tokens, drafts and idempotency records, then raw responses when their retention is set.</summary>
    public async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        var today = calendar.Today();
        var purged = await invitations.PurgeAsync(today, options.Value.RetentionDays, cancellationToken);
        if (purged > 0)
        {
            LogPurged(logger, purged, options.Value.RetentionDays);
        }
        if (options.Value.ResponseRetentionDays == 0)
        {
            return;
        }
        foreach (var surveyId in await responses.DueForPurgeAsync(today.AddDays(-options.Value.ResponseRetentionDays), cancellationToken))
        {
            await scoring.ScoreAsync(surveyId, cancellationToken); // keeps the wave's scores, if they were not kept already
            LogResponsesPurged(logger, await responses.PurgeRawAsync(surveyId, today, cancellationToken), options.Value.ResponseRetentionDays);
        }
    }

    [LoggerMessage(EventId = 302, Level = LogLevel.Information, Message = "Deleted {Count} raw responses of a survey closed more than {Days} days ago; its scores are kept")]
    private static partial void LogResponsesPurged(ILogger logger, int count, int days);

    [LoggerMessage(EventId = 300, Level = LogLevel.Information, Message = "Purged {Count} invitation tokens of surveys closed more than {Days} days ago")]
    private static partial void LogPurged(ILogger logger, int count, int days);

    [LoggerMessage(EventId = 301, Level = LogLevel.Error, Message = "The retention job failed; it runs again tomorrow")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
