using Evaluation.Api.Hosting;
using Evaluation.Api.Organisations;
using Evaluation.Api.Security;
using Evaluation.Instruments;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Evaluation.Api.Capacity;

/// <param name="Instrument">Default: the shipped co-production-capacity v1.</param>
/// <param name="Evidence">Optional notes per capacity (free text: evaluators only, never in reports).</param>
public sealed record NewCapacityAssessment(string CircleId, string Partner, DateOnly AssessedOn, IReadOnlyDictionary<string, int> Ratings,
    IReadOnlyDictionary<string, string>? Evidence = null, Surveys.SurveyInstrumentRef? Instrument = null);

/// <summary>Co-production capacity assessments: recorded and listed by evaluators; reports show the ratings as radar charts.</summary>
public static class CapacityEndpoints
{
    public static IEndpointRouteBuilder MapCapacityAssessments(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/organisations/{id}/capacity-assessments").WithTags("Capacity").RequireAuthorization(Policies.Staff)
            .OwnedBy(OwnedObject.Organisation, "id").ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapPost("/", RecordAssessment).WithName(nameof(RecordAssessment)).WithSummary("Record a co-production capacity self-assessment").Audited("record-capacity-assessment", "organisation", "id")
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/", ListAssessments).WithName(nameof(ListAssessments)).WithSummary("List an organisation's capacity self-assessments");
        return routes;
    }

    public static async Task<Results<Created<CapacityAssessmentRecord>, ProblemHttpResult>> RecordAssessment(string id, NewCapacityAssessment request,
        OrganisationStore organisations, CapacityStore store, InstrumentCatalog catalog, Calendar calendar, CancellationToken cancellationToken)
    {
        var errors = new Problems.ErrorList();
        var organisation = (await organisations.FindAsync(id, cancellationToken))!;
        if (organisation.Circles.All(c => c.Id != request.CircleId))
        {
            errors.Add("circleId", $"There is no circle '{request.CircleId}' in this organisation.");
        }
        if (Text.Clean(request.Partner) is null)
        {
            errors.Add("partner", "Name the partner organisation (1–200 characters).");
        }
        if (request.AssessedOn > calendar.Today())
        {
            errors.Add("assessedOn", "An assessment cannot be dated in the future.");
        }
        var (instrumentId, version) = request.Instrument is { } reference ? (reference.Id, reference.Version) : ("co-production-capacity", "1");
        var instrument = catalog.CapacityAssessments.FirstOrDefault(c => c.Content.Id == instrumentId && c.Content.Version == version)?.Content;
        if (instrument is null)
        {
            errors.Add("instrument", $"There is no capacity assessment '{instrumentId}' version '{version}'.");
        }
        else
        {
            var levels = instrument.Levels.Select(l => l.Value).ToHashSet();
            foreach (var capacity in instrument.Capacities.Where(c => !request.Ratings.ContainsKey(c.Id)))
            {
                errors.Add($"ratings.{capacity.Id}", $"Rate '{capacity.Id}': every capacity needs a level ({levels.Min()}–{levels.Max()}).");
            }
            foreach (var (capacityId, level) in request.Ratings)
            {
                if (instrument.Capacities.All(c => c.Id != capacityId))
                {
                    errors.Add($"ratings.{capacityId}", $"Unknown capacity '{capacityId}'.");
                }
                else if (!levels.Contains(level))
                {
                    errors.Add($"ratings.{capacityId}", $"{level} is not a readiness level ({levels.Min()}–{levels.Max()}).");
                }
            }
            foreach (var (capacityId, text) in request.Evidence ?? new Dictionary<string, string>())
            {
                if (instrument.Capacities.All(c => c.Id != capacityId) || text is null || text.Length > 4000)
                {
                    errors.Add($"evidence.{capacityId}", "Evidence is text of up to 4000 characters, for a capacity of the assessment.");
                }
            }
        }
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        var assessment = new CapacityAssessmentRecord(Guid.NewGuid().ToString(), request.CircleId, Text.Clean(request.Partner)!, instrumentId, version,
            request.AssessedOn, request.Ratings, (request.Evidence ?? new Dictionary<string, string>()).Where(e => !string.IsNullOrWhiteSpace(e.Value))
                .ToDictionary(e => e.Key, e => e.Value.Trim()));
        await store.StoreAsync(id, assessment, cancellationToken);
        return TypedResults.Created($"/api/organisations/{id}/capacity-assessments", assessment);
    }

    public static async Task<Ok<IReadOnlyList<CapacityAssessmentRecord>>> ListAssessments(string id, CapacityStore store, Calendar calendar,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await store.ListAsync(id, calendar.Today(), cancellationToken));
}
