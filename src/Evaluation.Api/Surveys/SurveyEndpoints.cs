using Evaluation.Api.Hosting;
using Evaluation.Api.Organisations;
using Evaluation.Api.Scores;
using Evaluation.Api.Security;
using Evaluation.Api.Storage;
using Evaluation.Instruments;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Evaluation.Api.Surveys;

public sealed record CreateSurveyRequest(
    string OrganisationId,
    SurveyInstrumentRef Instrument,
    string Title,
    DateOnly OpensOn,
    DateOnly ClosesOn,
    IReadOnlyList<string> StakeholderGroups,
    IReadOnlyList<string>? CircleIds = null,
    string? Anonymity = null,
    IReadOnlyList<string>? TeamIds = null);

/// <summary>Fields to change; absent ones stay. The instrument only while a draft; nothing once closed.</summary>
public sealed record UpdateSurveyRequest(string? Title = null, DateOnly? OpensOn = null, DateOnly? ClosesOn = null, SurveyInstrumentRef? Instrument = null);

public static class SurveyEndpoints
{
    public static IEndpointRouteBuilder MapSurveys(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/surveys").WithTags("Surveys").RequireAuthorization(Policies.Staff)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapPost("/", CreateSurvey).WithName(nameof(CreateSurvey)).WithSummary("Create a survey (a wave) as a draft").Audited("create-survey", "survey")
            .ProducesValidationProblem().ProducesValidationProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/", ListSurveys).WithName(nameof(ListSurveys)).WithSummary("List surveys, filtered by organisation and status, in pages")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/{id}", GetSurvey).WithName(nameof(GetSurvey)).WithSummary("Read a survey").OwnedBy(OwnedObject.Survey, "id");
        group.MapPatch("/{id}", UpdateSurvey).WithName(nameof(UpdateSurvey)).WithSummary("Change a survey's title, dates or (while a draft) instrument").OwnedBy(OwnedObject.Survey, "id").Audited("update-survey", "survey", "id")
            .ProducesValidationProblem().ProducesValidationProblem(StatusCodes.Status409Conflict).ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapPost("/{id}/open", OpenSurvey).WithName(nameof(OpenSurvey)).WithSummary("Open a survey to responses").OwnedBy(OwnedObject.Survey, "id").Audited("open-survey", "survey", "id")
            .ProducesValidationProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id}/close", CloseSurvey).WithName(nameof(CloseSurvey)).WithSummary("Close a survey and keep its scores").OwnedBy(OwnedObject.Survey, "id").Audited("close-survey", "survey", "id");
        return routes;
    }

    public static async Task<Results<Created<Survey>, ProblemHttpResult>> CreateSurvey(
        CreateSurveyRequest request, Caller caller, InstrumentCatalog catalog, OrganisationStore organisations, SurveyStore surveys,
        Calendar calendar, CancellationToken cancellationToken)
    {
        var errors = new Problems.ErrorList();
        var title = Text.Clean(request.Title);
        if (title is null)
        {
            errors.Add("title", "A survey needs a title (1–200 characters).");
        }
        // Another organisation's id is answered as unknown: a key never learns what another organisation holds.
        var organisation = caller.MayManage(request.OrganisationId) ? await organisations.FindAsync(request.OrganisationId, cancellationToken) : null;
        if (organisation is null)
        {
            errors.Add("organisationId", $"There is no organisation '{request.OrganisationId}'.");
        }
        var instrument = catalog.FindSurvey(request.Instrument.Id, request.Instrument.Version);
        if (instrument is null)
        {
            errors.Add("instrument", $"There is no survey instrument '{request.Instrument.Id}' version '{request.Instrument.Version}'.");
        }
        if (request.ClosesOn < request.OpensOn)
        {
            errors.Add("closesOn", "The survey must close on or after the day it opens.");
        }
        if (request.StakeholderGroups.Count == 0)
        {
            errors.Add("stakeholderGroups", "Choose at least one stakeholder group.");
        }
        for (var i = 0; i < request.StakeholderGroups.Count; i++)
        {
            if (instrument is not null && !instrument.Content.HasGroup(request.StakeholderGroups[i]))
            {
                errors.Add($"stakeholderGroups[{i}]", $"'{request.StakeholderGroups[i]}' is not a stakeholder group of this instrument.");
            }
            else if (request.StakeholderGroups.Take(i).Contains(request.StakeholderGroups[i]))
            {
                errors.Add($"stakeholderGroups[{i}]", $"'{request.StakeholderGroups[i]}' is listed twice.");
            }
        }
        var circleIds = CirclesOf(request, organisation, errors);
        var anonymity = AnonymityMode.Anonymous;
        if (request.Anonymity is { } asked && !Kebab.TryParse(asked, out anonymity))
        {
            errors.Add("anonymity", $"'{asked}' is not an anonymity mode: {string.Join(", ", Kebab.All<AnonymityMode>())}.");
        }
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var (outcome, id) = await surveys.CreateAsync(new NewSurvey(organisation!.Id, instrument!, title!, request.OpensOn, request.ClosesOn,
            request.StakeholderGroups, circleIds, anonymity), calendar.Today(), cancellationToken);
        if (outcome == CreateSurveyOutcome.InstrumentEditedAfterPublication)
        {
            return Problems.Conflict("Instrument edited after publication.",
                $"The file for '{request.Instrument.Id}' version '{request.Instrument.Version}' has changed since surveys began using it. " +
                "Published versions are immutable: save the change as a new version.", "instrument");
        }
        var survey = (await surveys.FindAsync(id!, cancellationToken))!;
        return TypedResults.Created($"/api/surveys/{survey.Id}", survey);
    }

    /// <summary>The circles named, and every circle of the teams named, each once; errors name the entry at fault.</summary>
    private static List<string> CirclesOf(CreateSurveyRequest request, Organisation? organisation, Problems.ErrorList errors)
    {
        var (circleIds, teamIds) = (request.CircleIds ?? [], request.TeamIds ?? []);
        var circles = new List<string>();
        for (var i = 0; i < circleIds.Count; i++)
        {
            if (organisation is not null && organisation.Circles.All(c => c.Id != circleIds[i]))
            {
                errors.Add($"circleIds[{i}]", $"There is no circle '{circleIds[i]}' in this organisation.");
            }
            else if (circleIds.Take(i).Contains(circleIds[i]))
            {
                errors.Add($"circleIds[{i}]", $"Circle '{circleIds[i]}' is listed twice.");
            }
            circles.Add(circleIds[i]);
        }
        for (var i = 0; i < teamIds.Count; i++)
        {
            if (organisation is null)
            {
                continue;
            }
            if (organisation.Teams.All(t => t.Id != teamIds[i]))
            {
                errors.Add($"teamIds[{i}]", $"There is no team '{teamIds[i]}' in this organisation.");
            }
            else if (organisation.Circles.Where(c => c.TeamId == teamIds[i]).Select(c => c.Id).ToList() is { Count: > 0 } members)
            {
                circles.AddRange(members); // a circle also named on its own, or in two teams' lists, is surveyed once
            }
            else
            {
                errors.Add($"teamIds[{i}]", $"Team '{teamIds[i]}' has no circles yet.");
            }
        }
        if (circleIds.Count == 0 && teamIds.Count == 0)
        {
            errors.Add("circleIds", "Choose at least one circle or team.");
        }
        return circles.Distinct().ToList();
    }

    /// <summary>
    /// Surveys newest first: an admin's of every organisation, an evaluator's of their own; <c>organisation</c> and
    /// <c>status</c> (draft, open, closed) narrow the list.
    /// </summary>
    public static async Task<Results<Ok<Page<Survey>>, ProblemHttpResult>> ListSurveys(
        string? organisation, string? status, int? limit, string? cursor, Caller caller, SurveyStore surveys, CancellationToken cancellationToken)
    {
        if (organisation is not null && !caller.MayManage(organisation))
        {
            return Problems.NotFound("organisation", organisation); // as for any object of another organisation
        }
        SurveyStatus? wanted = null;
        if (status is not null)
        {
            if (!Kebab.TryParse<SurveyStatus>(status.ToLowerInvariant(), out var parsed))
            {
                return Problems.Unprocessable("status", $"Use {Kebab.Choices<SurveyStatus>()}.");
            }
            wanted = parsed;
        }
        var (paging, problem) = Paging.Read(limit, cursor, keyParts: 2);
        if (paging is null)
        {
            return problem!;
        }
        var fetched = await surveys.ListAsync(caller.ListScope(organisation), wanted, paging.After,
            paging.Limit + 1, cancellationToken);
        return TypedResults.Ok(paging.PageOf(fetched, s => [s.OpensOn.ToIsoString(), s.Id], "/api/surveys",
            [("organisation", organisation), ("status", status?.ToLowerInvariant())]));
    }

    public static async Task<Results<Ok<Survey>, ProblemHttpResult>> GetSurvey(string id, SurveyStore surveys, CancellationToken cancellationToken) =>
        await surveys.FindAsync(id, cancellationToken) is { } survey ? TypedResults.Ok(survey) : Problems.NotFound("survey", id);

    /// <summary>A draft can change anything here; an open wave its title and dates (not its instrument); a closed one nothing.</summary>
    public static async Task<Results<Ok<Survey>, ProblemHttpResult>> UpdateSurvey(
        string id, UpdateSurveyRequest request, SurveyStore surveys, InstrumentCatalog catalog, Calendar calendar, CancellationToken cancellationToken)
    {
        var survey = (await surveys.FindAsync(id, cancellationToken))!;
        if (survey.Status == SurveyStatus.Closed)
        {
            return Problems.Conflict("Survey closed.", "A closed survey cannot change.", "status");
        }
        var newInstrument = request.Instrument is { } reference && reference != survey.Instrument;
        if (newInstrument && survey.Status != SurveyStatus.Draft)
        {
            return Problems.Conflict("Survey open.", "An open survey's instrument cannot change: its responses were given to this version.", "instrument");
        }
        var errors = new Problems.ErrorList();
        string? title = null;
        if (request.Title is not null && (title = Text.Clean(request.Title)) is null)
        {
            errors.Add("title", "A survey needs a title (1–200 characters).");
        }
        var instrument = newInstrument ? catalog.FindSurvey(request.Instrument!.Id, request.Instrument.Version) : null;
        if (newInstrument && instrument is null)
        {
            errors.Add("instrument", $"There is no survey instrument '{request.Instrument!.Id}' version '{request.Instrument.Version}'.");
        }
        if (instrument is not null && survey.StakeholderGroups.FirstOrDefault(g => !instrument.Content.HasGroup(g)) is { } missing)
        {
            errors.Add("instrument", $"That version has no stakeholder group '{missing}', which this survey asks.");
        }
        if ((request.ClosesOn ?? survey.ClosesOn) < (request.OpensOn ?? survey.OpensOn))
        {
            errors.Add("closesOn", "The survey must close on or after the day it opens.");
        }
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        switch (await surveys.UpdateAsync(id, new SurveyChange(title, request.OpensOn, request.ClosesOn, instrument), calendar.Today(), cancellationToken))
        {
            case UpdateSurveyOutcome.InstrumentEditedAfterPublication:
                return Problems.Conflict("Instrument edited after publication.",
                    "That instrument version's file has changed since surveys began using it. Published versions are immutable: save the change as a new version.", "instrument");
            case UpdateSurveyOutcome.StatusChanged:
                return Problems.Conflict("Survey changed meanwhile.", "The survey was opened or closed while this change was sent; read it again.", "status");
        }
        return TypedResults.Ok((await surveys.FindAsync(id, cancellationToken))!);
    }

    /// <summary>Opens a draft for responses (between its dates). Opening an open survey changes nothing; a closed one stays closed.</summary>
    public static async Task<Results<Ok<Survey>, ProblemHttpResult>> OpenSurvey(string id, SurveyStore surveys, Calendar calendar, CancellationToken cancellationToken)
    {
        var survey = (await surveys.FindAsync(id, cancellationToken))!;
        if (survey.Status == SurveyStatus.Closed)
        {
            return Problems.Conflict("Survey closed.", "A closed survey cannot open again: start a new wave.", "status");
        }
        if (survey.ClosesOn < calendar.Today())
        {
            return Problems.Conflict("Closing date passed.", $"This survey closes on {survey.ClosesOn:yyyy-MM-dd}, before today: change closesOn first.", "closesOn");
        }
        if (!await surveys.OpenAsync(id, cancellationToken))
        {
            return Problems.Conflict("Survey closed.", "A closed survey cannot open again: start a new wave.", "status");
        }
        return TypedResults.Ok((await surveys.FindAsync(id, cancellationToken))!);
    }

    /// <summary>
    /// Closes a survey for good: it accepts nothing more; closing early moves its closing date to today. Its scores
    /// are made now and kept, so its reports and dashboards read them instead of scoring the wave again.
    /// </summary>
    public static async Task<Ok<Survey>> CloseSurvey(string id, SurveyStore surveys, SurveyScoring scoring, Calendar calendar,
        CancellationToken cancellationToken)
    {
        await surveys.CloseAsync(id, calendar.Today(), cancellationToken);
        return TypedResults.Ok((await scoring.ScoreAsync(id, cancellationToken))!.Survey);
    }
}
