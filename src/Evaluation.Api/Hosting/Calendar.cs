using Microsoft.Extensions.Options;

namespace Evaluation.Api.Hosting;

/// <summary>Today's date in the organisation's time zone: the only time a response records.</summary>
public sealed class Calendar(TimeProvider time, IOptions<EvaluationOptions> options)
{
    private readonly TimeZoneInfo _zone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);

    public DateOnly Today() => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), _zone).DateTime);
}
