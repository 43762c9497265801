using Evaluation.Api.Hosting;
using Microsoft.Extensions.Options;

namespace Evaluation.Api.Invitations;

/// <summary>
/// Once at start and then daily: deletes invitation tokens and drafts of surveys closed more than
/// <see cref="EvaluationOptions.RetentionDays"/> days ago, and idempotency records older than that.
/// </summary>
public sealed partial class RetentionJob(InvitationStore invitations, Calendar calendar, TimeProvider time, IOptions<EvaluationOptions> options,
    ILogger<RetentionJob> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var daily = new PeriodicTimer(TimeSpan.FromDays(1), time);
        do
        {
            try
            {
                var purged = await invitations.PurgeAsync(calendar.Today(), options.Value.RetentionDays, stoppingToken);
                if (purged > 0)
                {
                    LogPurged(logger, purged, options.Value.RetentionDays);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogFailed(logger, exception);
            }
        }
        while (await daily.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(EventId = 300, Level = LogLevel.Information, Message = "Purged {Count} invitation tokens of surveys closed more than {Days} days ago")]
    private static partial void LogPurged(ILogger logger, int count, int days);

    [LoggerMessage(EventId = 301, Level = LogLevel.Error, Message = "The retention job failed; it runs again tomorrow")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
