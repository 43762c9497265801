using Evaluation.Api.Hosting;
using Evaluation.Api.Invitations;
using Evaluation.Api.Responses;
using Evaluation.Api.Surveys;
using Evaluation.Form;
using Evaluation.Form.Pages;
using Evaluation.Instruments;
using Evaluation.Localisation;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Options;

namespace Evaluation.Api.Form;

/// <summary>A form session with everything its pages need: the invitation, survey, instrument and the group's pages.</summary>
internal sealed record LoadedSession(FormSession Session, OpenedInvitation Opened, IReadOnlyList<PlannedPage> Plan)
{
    public Invitation Invitation => Opened.Invitation;

    public Survey Survey => Opened.Survey;

    public SurveyInstrument Instrument => Opened.Instrument;
}

/// <summary>What the form's endpoints share: language, antiforgery, session loading, rendering and the common pages.</summary>
internal sealed class FormPages(
    InvitationOpening opening,
    FormSessionStore sessions,
    ResponseStore responses,
    Calendar calendar,
    Submission submission,
    IAntiforgery antiforgery,
    FormRenderer renderer,
    IOptions<EvaluationOptions> options)
{
    public InvitationOpening Opening => opening;

    public FormSessionStore Sessions => sessions;

    public ResponseStore Responses => responses;

    public Calendar Calendar => calendar;

    public Submission Submission => submission;

    /// <summary>The language chosen with the switch (remembered in a session cookie), else Welsh for a browser asking for it first, else English.</summary>
    public string Language(HttpContext http)
    {
        if (http.Request.Cookies[FormEndpoints.LanguageCookie] is { } chosen && Languages.All.Contains(chosen))
        {
            return chosen;
        }
        return Languages.FromTag(http.Request.Headers.AcceptLanguage.ToString());
    }

    public FormFrame Frame(HttpContext http, string title, string path, IReadOnlyList<FieldError>? errors = null) =>
        new(Language(http), title, antiforgery.GetAndStoreTokens(http).RequestToken!, path, errors ?? []);

    public async Task<IResult> PageAsync<TPage>(object model, int status = StatusCodes.Status200OK) where TPage : Microsoft.AspNetCore.Components.IComponent =>
        TypedResults.Content(await renderer.RenderAsync<TPage>(model), "text/html; charset=utf-8", statusCode: status);

    public static IResult SeeOther(string path) => new SeeOtherResult(path);

    public static CookieOptions CookieOptions() => new()
    {
        HttpOnly = true,
        Secure = true,
        SameSite = SameSiteMode.Lax, // sent when a respondent follows their invitation link from an email or a QR code
        Path = "/",
        IsEssential = true,
    };

    public static void SetSessionCookie(HttpContext http, string secret) =>
        http.Response.Cookies.Append(FormEndpoints.SessionCookie, secret, CookieOptions());

    /// <summary>A form post: the antiforgery token is checked first; a stale or missing one gets a kind page, nothing changes.</summary>
    public async Task<IResult> PostAsync(HttpContext http, Func<IFormCollection, Task<IResult>> handle)
    {
        if (!http.Request.HasFormContentType)
        {
            return await MessageAsync(http, "form.expired.heading", "form.expired.body", StatusCodes.Status400BadRequest);
        }
        try
        {
            await antiforgery.ValidateRequestAsync(http);
        }
        catch (AntiforgeryValidationException)
        {
            return await MessageAsync(http, "form.expired.heading", "form.expired.body", StatusCodes.Status400BadRequest);
        }
        return await handle(await http.Request.ReadFormAsync());
    }

    public async Task<IResult> WithSessionAsync(HttpContext http, CancellationToken cancellationToken, Func<LoadedSession, Task<IResult>> handle)
    {
        var session = http.Request.Cookies[FormEndpoints.SessionCookie] is { Length: > 0 and <= 64 } secret
            ? await sessions.FindAsync(secret, cancellationToken)
            : null;
        if (session is null)
        {
            return await MessageAsync(http, "session.expired.heading", "session.expired.body", StatusCodes.Status410Gone, "/r", "session.expired.action");
        }
        var outcome = await opening.OpenByHashAsync(session.InvitationHash, cancellationToken);
        if (outcome.Opened is not { } opened)
        {
            return await RefusalPageAsync(http, outcome.Refusal, outcome.Survey);
        }
        return await handle(new LoadedSession(session, opened, FormPlan.For(opened.Instrument, opened.Invitation.StakeholderGroup)));
    }

    public Task<IResult> PostWithSessionAsync(HttpContext http, CancellationToken cancellationToken, Func<LoadedSession, IFormCollection, Task<IResult>> handle) =>
        PostAsync(http, values => WithSessionAsync(http, cancellationToken, loaded => handle(loaded, values)));

    /// <summary>Opens a form session for an invitation (a link, a QR code or a typed code) and moves on to the welcome page.</summary>
    public async Task<IResult> StartAsync(HttpContext http, OpeningOutcome outcome, CancellationToken cancellationToken)
    {
        if (outcome.Opened is not { } opened)
        {
            return await RefusalPageAsync(http, outcome.Refusal, outcome.Survey);
        }
        var secret = FormSessionStore.NewSecret();
        await sessions.OpenAsync(opened.Invitation, secret, calendar.Today(), cancellationToken);
        SetSessionCookie(http, secret);
        return SeeOther("/form/welcome");
    }

    /// <summary>After a step was saved: Back, Save and finish later, or on.</summary>
    public async Task<IResult> MoveAsync(HttpContext http, LoadedSession loaded, string action, string back, string next, CancellationToken cancellationToken)
    {
        switch (action)
        {
            case "back":
                return SeeOther(back);
            case "save":
                var code = await sessions.NewResumeCodeAsync(loaded.Session, cancellationToken);
                var frame = Frame(http, TextCatalogue.Form.Get(Language(http), "saved.heading"), "/r");
                var grouped = string.Join('-', code.Chunk(4).Select(c => new string(c)));
                return await PageAsync<SavedPage>(new SavedModel(frame, grouped, options.Value.PublicBaseUrl.TrimEnd('/') + "/r",
                    loaded.Invitation.Kind == InvitationKind.Open));
            default:
                return SeeOther(next);
        }
    }

    public Task<IResult> ItemsPageAsync(HttpContext http, LoadedSession loaded, int number, IReadOnlyDictionary<string, int?> answers,
        IReadOnlyList<FieldError> errors)
    {
        var page = loaded.Plan[number - 1];
        var frame = Frame(http, $"{page.Domain.Title.In(Language(http))} ({TextCatalogue.Form.Format(Language(http), "page.of", number, loaded.Plan.Count)})",
            $"/form/page/{number}", errors);
        return PageAsync<ItemsPage>(new ItemsModel(frame, page, loaded.Plan.Count, loaded.Instrument.Scale, answers),
            errors.Count > 0 ? StatusCodes.Status422UnprocessableEntity : StatusCodes.Status200OK);
    }

    public Task<IResult> CommentsPageAsync(HttpContext http, LoadedSession loaded, IReadOnlyDictionary<string, string> comments, IReadOnlyList<FieldError> errors) =>
        PageAsync<CommentsPage>(new CommentsModel(Frame(http, TextCatalogue.Form.Get(Language(http), "comments.heading"), "/form/comments", errors),
                loaded.Instrument.Domains, comments, ResponseRules.MaxCommentLength),
            errors.Count > 0 ? StatusCodes.Status422UnprocessableEntity : StatusCodes.Status200OK);

    public Task<IResult> ReviewPageAsync(HttpContext http, LoadedSession loaded, string? panelCode, IReadOnlyList<FieldError> errors)
    {
        var state = loaded.Session.State;
        return PageAsync<ReviewPage>(new ReviewModel(Frame(http, TextCatalogue.Form.Get(Language(http), "review.heading"), "/form/review", errors),
                loaded.Plan, loaded.Instrument.Scale, state.Answers, loaded.Instrument.Domains, state.Comments, state.Mode,
                loaded.Survey.Anonymity == AnonymityMode.Pseudonymous, panelCode, Crockford.Encode(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16))),
            errors.Count > 0 ? StatusCodes.Status422UnprocessableEntity : StatusCodes.Status200OK);
    }

    public Task<IResult> ThanksAsync(HttpContext http, ResponseReceipt receipt) =>
        PageAsync<ThanksPage>(new ThanksModel(Frame(http, TextCatalogue.Form.Get(Language(http), "thanks.heading"), "/withdraw"), receipt.ReceiptCode));

    public Task<IResult> CodePageAsync(HttpContext http, string? value, string? errorKey, int status)
    {
        var language = Language(http);
        IReadOnlyList<FieldError> errors = errorKey is null ? [] : [new FieldError("code", TextCatalogue.Form.Get(language, errorKey))];
        return PageAsync<CodePage>(new CodeModel(Frame(http, TextCatalogue.Form.Get(language, "code.heading"), "/r", errors), TextCatalogue.Form.Get(language, "code.heading"),
            TextCatalogue.Form.Get(language, "code.intro"), TextCatalogue.Form.Get(language, "code.label"), TextCatalogue.Form.Get(language, "code.hint"), "code", "/r",
            TextCatalogue.Form.Get(language, "code.submit"), value), status);
    }

    public Task<IResult> WithdrawPageAsync(HttpContext http, string? value, string? errorKey, int status)
    {
        var language = Language(http);
        IReadOnlyList<FieldError> errors = errorKey is null ? [] : [new FieldError("receiptCode", TextCatalogue.Form.Get(language, errorKey))];
        return PageAsync<CodePage>(new CodeModel(Frame(http, TextCatalogue.Form.Get(language, "withdraw.heading"), "/withdraw", errors),
            TextCatalogue.Form.Get(language, "withdraw.heading"), TextCatalogue.Form.Get(language, "withdraw.intro"), TextCatalogue.Form.Get(language, "withdraw.label"),
            TextCatalogue.Form.Get(language, "code.hint"), "receiptCode", "/withdraw", TextCatalogue.Form.Get(language, "withdraw.submit"), value), status);
    }

    public Task<IResult> RefusalPageAsync(HttpContext http, InvitationRefusal refusal, Survey? survey)
    {
        var language = Language(http);
        return refusal switch
        {
            InvitationRefusal.Used => MessageAsync(http, "link.used.heading", "link.used.body", StatusCodes.Status410Gone, "/withdraw", "thanks.withdraw"),
            InvitationRefusal.Closed => MessageAsync(http, "link.closed.heading", "link.closed.body", StatusCodes.Status410Gone),
            InvitationRefusal.NotYetOpen => PageAsync<MessagePage>(new MessageModel(Frame(http, TextCatalogue.Form.Get(language, "link.notYet.heading"), "/r"),
                TextCatalogue.Form.Get(language, "link.notYet.heading"),
                TextCatalogue.Form.Format(language, "link.notYet.body", Dates.Long(language, survey!.OpensOn))),
                StatusCodes.Status409Conflict),
            _ => MessageAsync(http, "link.unknown.heading", "link.unknown.body", StatusCodes.Status404NotFound, "/r", "session.expired.action"),
        };
    }

    private Task<IResult> MessageAsync(HttpContext http, string heading, string body, int status, string? actionHref = null, string? actionLabel = null)
    {
        var language = Language(http);
        return PageAsync<MessagePage>(new MessageModel(Frame(http, TextCatalogue.Form.Get(language, heading), http.Request.Path.Value ?? "/r"),
            TextCatalogue.Form.Get(language, heading), TextCatalogue.Form.Get(language, body), actionHref, actionLabel is null ? null : TextCatalogue.Form.Get(language, actionLabel)), status);
    }

    private sealed class SeeOtherResult(string path) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
            httpContext.Response.Headers.Location = path;
            return Task.CompletedTask;
        }
    }
}

/// <summary>
/// The respondent pages' own policy, stricter where it can be: the site's stylesheet only. The headers every response
/// carries (no sniffing, framing, referrer or caching) come from <see cref="Hosting.SecurityHeaders"/>.
/// </summary>
internal static class FormHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public static void Apply(HttpResponse response) => response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
}
