using Evaluation.Api.Hosting;
using Evaluation.Api.Surveys;
using Evaluation.Instruments;

namespace Evaluation.Api.Responses;

/// <summary>What makes a response acceptable for a survey, field by field; one set of rules for every way in (API, import).</summary>
public static class ResponseRules
{
    /// <summary>Longest comment on one domain, in characters.</summary>
    public const int MaxCommentLength = 2000;

    public static List<(string Field, string Message)> Check(SubmitResponseRequest request, Survey survey, SurveyInstrument instrument)
    {
        var errors = new List<(string Field, string Message)>();
        if (survey.Circles.All(c => c.Id != request.CircleId))
        {
            errors.Add(("circleId", $"Circle '{request.CircleId}' is not part of this survey."));
        }
        var groupKnown = survey.StakeholderGroups.Contains(request.StakeholderGroup);
        if (!groupKnown)
        {
            errors.Add(("stakeholderGroup", $"'{request.StakeholderGroup}' is not one of this survey's groups: {string.Join(", ", survey.StakeholderGroups)}."));
        }
        if (!Kebab.TryParse<CompletionMode>(request.CompletionMode, out _))
        {
            errors.Add(("completionMode", $"'{request.CompletionMode}' is not a completion mode: {string.Join(", ", Kebab.All<CompletionMode>())}."));
        }
        if (request.PanelCode is { } code)
        {
            if (survey.Anonymity != AnonymityMode.Pseudonymous)
            {
                errors.Add(("panelCode", "This survey is anonymous: it takes no panel code, so nothing links answers across waves."));
            }
            else if (Panels.PanelKeys.Normalise(code) is null)
            {
                errors.Add(("panelCode", "A panel code is the 13 letters and digits printed on the panel card, such as 4X7D-9QBT-KM2R-C."));
            }
        }
        if (request.Answers.Count == 0)
        {
            errors.Add(("answers", "A response needs at least one answer (use null for 'not applicable')."));
        }
        foreach (var (itemId, value) in request.Answers)
        {
            var field = $"answers.{itemId}";
            if (instrument.FindItem(itemId) is not { } item)
            {
                errors.Add((field, $"Unknown item '{itemId}' in {instrument.Id} v{instrument.Version}."));
                continue;
            }
            if (groupKnown && !item.IsShownTo(request.StakeholderGroup))
            {
                errors.Add((field, $"Item '{itemId}' is not shown to '{request.StakeholderGroup}'."));
            }
            if (value is { } v && !instrument.Scale.Contains(v))
            {
                errors.Add((field, $"{v} is outside the scale {instrument.Scale.Min}–{instrument.Scale.Max} (use null for 'not applicable')."));
            }
        }
        foreach (var (domainId, text) in request.Comments ?? new Dictionary<string, string>())
        {
            var field = $"comments.{domainId}";
            if (instrument.FindDomain(domainId) is null)
            {
                errors.Add((field, $"Unknown domain '{domainId}' in {instrument.Id} v{instrument.Version}."));
            }
            else if (text is null || text.Length > MaxCommentLength || text.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')))
            {
                errors.Add((field, $"A comment is text of up to {MaxCommentLength} characters."));
            }
        }
        return errors;
    }

    /// <summary>Comments as stored: trimmed, empty ones left out; null when none is left.</summary>
    public static IReadOnlyDictionary<string, string>? CleanComments(IReadOnlyDictionary<string, string>? comments)
    {
        var kept = (comments ?? new Dictionary<string, string>()).Where(c => !string.IsNullOrWhiteSpace(c.Value))
            .ToDictionary(c => c.Key, c => c.Value.Trim().ReplaceLineEndings("\n"), StringComparer.Ordinal);
        return kept.Count == 0 ? null : kept;
    }
}
