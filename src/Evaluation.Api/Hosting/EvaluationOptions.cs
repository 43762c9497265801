using System.ComponentModel.DataAnnotations;

namespace Evaluation.Api.Hosting;

public sealed class EvaluationOptions : IValidatableObject
{
    public const string Section = "Evaluation";

    /// <summary>Folder of instrument files; relative paths are tried from the working directory, then beside the executable.</summary>
    public string InstrumentsPath { get; set; } = "instruments";

    /// <summary>Time zone that decides which calendar day a response is submitted on and whether a survey is open.</summary>
    public string TimeZone { get; set; } = "Europe/London";

    /// <summary>Smallest group any released figure may rest on. Can be raised, never lowered below 5.</summary>
    public int MinimumCellSize { get; set; } = Scoring.Disclosure.DisclosureControl.DefaultMinimumCellSize;

    /// <summary>Where respondents reach the service: invitation links are <c>{PublicBaseUrl}/r/{token}</c>.</summary>
    [Url]
    public string PublicBaseUrl { get; set; } = "http://localhost:5080";

    /// <summary>Days after a survey closes when its invitation tokens, drafts and idempotency records are deleted.</summary>
    [Range(1, 3650)]
    public int RetentionDays { get; set; } = 30;

    /// <summary>
    /// Days after a survey closes when its raw responses (answers, comments, panel links) are deleted, keeping only
    /// its scores; 0 keeps them until someone deletes them.
    /// </summary>
    [Range(0, 36500)]
    public int ResponseRetentionDays { get; set; }

    /// <summary>Whether <c>/docs</c> serves the API reference page; unset, it does in development only.</summary>
    public bool? ApiDocs { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MinimumCellSize < Scoring.Disclosure.DisclosureControl.DefaultMinimumCellSize)
        {
            yield return new ValidationResult(
                $"Evaluation:MinimumCellSize may be raised but not set below {Scoring.Disclosure.DisclosureControl.DefaultMinimumCellSize}.",
                [nameof(MinimumCellSize)]);
        }
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _))
        {
            yield return new ValidationResult($"Evaluation:TimeZone '{TimeZone}' is not a known time zone.", [nameof(TimeZone)]);
        }
    }

    public string ResolveInstrumentsPath()
    {
        if (Path.IsPathRooted(InstrumentsPath) || Directory.Exists(InstrumentsPath))
        {
            return Path.GetFullPath(InstrumentsPath);
        }
        return Path.Combine(AppContext.BaseDirectory, InstrumentsPath);
    }
}
