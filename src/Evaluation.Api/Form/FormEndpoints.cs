using System.Text.Json;
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

/// <summary>
/// The respondent form: server-rendered pages, no script. <c>/r/{token}</c> (an invitation link or QR code) or <c>/r</c>
/// (a code typed in) opens a form session and redirects, so the token leaves the address bar; then welcome → question
/// pages → comments → who helped → review → thank-you with the receipt. Every post carries an antiforgery token; every
/// answer is saved on the server as soon as a page is left, so Back, Next, a lost connection or a restart lose nothing.
/// </summary>
public static class FormEndpoints
{
    public const string SessionCookie = "__Host-evaluation-form";
    public const string LanguageCookie = "__Host-evaluation-language";
    public const string AntiforgeryField = "__af";

    public static IEndpointRouteBuilder MapRespondentForm(this IEndpointRouteBuilder routes)
    {
        var pages = routes.MapGroup("").AllowAnonymous().ExcludeFromDescription().AddEndpointFilter(async (context, next) =>
        {
            FormHeaders.Apply(context.HttpContext.Response);
            return await next(context);
        });
        pages.MapGet("/form/form.css", (HttpContext http) =>
        {
            http.Response.Headers.CacheControl = "public, max-age=86400";
            return TypedResults.Text(FormRenderer.Stylesheet, "text/css; charset=utf-8");
        });
        pages.MapGet("/r/{token}", OpenLink);
        pages.MapGet("/r", CodeForm);
        pages.MapPost("/r", EnterCode);
        pages.MapPost("/form/language", SwitchLanguage);
        pages.MapGet("/form", () => TypedResults.Redirect("/form/welcome"));
        pages.MapGet("/form/welcome", Welcome);
        pages.MapPost("/form/welcome", (HttpContext http, FormPages form) => form.PostAsync(http, _ => Task.FromResult(FormPages.SeeOther("/form/page/1"))));
        pages.MapGet("/form/page/{number:int}", QuestionPage);
        pages.MapPost("/form/page/{number:int}", SaveQuestionPage);
        pages.MapGet("/form/comments", Comments);
        pages.MapPost("/form/comments", SaveComments);
        pages.MapGet("/form/help", Help);
        pages.MapPost("/form/help", SaveHelp);
        pages.MapGet("/form/review", Review);
        pages.MapPost("/form/review", SendOrMove);
        pages.MapGet("/withdraw", WithdrawForm);
        pages.MapPost("/withdraw", Withdraw);
        return routes;
    }

    /// <summary>An invitation link or QR code: opens the form, then takes the token out of the address bar.</summary>
    private static async Task<IResult> OpenLink(string token, HttpContext http, FormPages form, CancellationToken cancellationToken) =>
        await form.StartAsync(http, await form.Opening.OpenAsync(token, cancellationToken), cancellationToken);

    private static Task<IResult> CodeForm(HttpContext http, FormPages form) => form.CodePageAsync(http, null, null, StatusCodes.Status200OK);

    /// <summary>A code typed in: the invitation code from a card, or a code given when answers were saved.</summary>
    private static Task<IResult> EnterCode(HttpContext http, FormPages form, CancellationToken cancellationToken) =>
        form.PostAsync(http, async values =>
        {
            var code = Crockford.Normalise(values["code"].ToString());
            if (code.Length == 32 && await form.Opening.OpenAsync(code, cancellationToken) is { Refusal: not InvitationRefusal.UnknownLink } opened)
            {
                return await form.StartAsync(http, opened, cancellationToken);
            }
            var secret = FormSessionStore.NewSecret();
            if (code.Length == 16 && await form.Sessions.ResumeAsync(code, secret, form.Calendar.Today(), cancellationToken))
            {
                FormPages.SetSessionCookie(http, secret);
                return FormPages.SeeOther("/form/welcome");
            }
            return await form.CodePageAsync(http, values["code"].ToString(), "code.unknown", StatusCodes.Status422UnprocessableEntity);
        });

    private static Task<IResult> SwitchLanguage(HttpContext http, FormPages form) =>
        form.PostAsync(http, values =>
        {
            var language = values["language"].ToString() == Languages.Welsh ? Languages.Welsh : Languages.English;
            http.Response.Cookies.Append(LanguageCookie, language, FormPages.CookieOptions());
            var back = values["return"].ToString();
            // Only a path of this site: never "//elsewhere" or a full address.
            var local = back.StartsWith('/') && !back.StartsWith("//", StringComparison.Ordinal) && !back.StartsWith("/\\", StringComparison.Ordinal)
                && !back.Any(char.IsControl);
            return Task.FromResult<IResult>(FormPages.SeeOther(local ? back : "/r"));
        });

    private static Task<IResult> Welcome(HttpContext http, FormPages form, CancellationToken cancellationToken) =>
        form.WithSessionAsync(http, cancellationToken, loaded =>
        {
            var group = loaded.Instrument.StakeholderGroups.First(g => g.Id == loaded.Invitation.StakeholderGroup);
            var frame = form.Frame(http, TextCatalogue.Form.Get(form.Language(http), "welcome.heading"), "/form/welcome");
            return form.PageAsync<WelcomePage>(new WelcomeModel(frame, loaded.Survey.Title, frame.L(group.Title),
                loaded.Survey.Anonymity == AnonymityMode.Pseudonymous, !loaded.Session.State.IsEmpty));
        });

    private static Task<IResult> QuestionPage(int number, HttpContext http, FormPages form, CancellationToken cancellationToken) =>
        form.WithSessionAsync(http, cancellationToken, loaded =>
            number < 1 || number > loaded.Plan.Count
                ? Task.FromResult<IResult>(TypedResults.Redirect("/form/welcome"))
                : form.ItemsPageAsync(http, loaded, number, loaded.Session.State.Answers, []));

    private static Task<IResult> SaveQuestionPage(int number, HttpContext http, FormPages form, CancellationToken cancellationToken) =>
        form.PostWithSessionAsync(http, cancellationToken, async (loaded, values) =>
        {
            if (number < 1 || number > loaded.Plan.Count)
            {
                return FormPages.SeeOther("/form/welcome");
            }
            var page = loaded.Plan[number - 1];
            var answers = new Dictionary<string, int?>(loaded.Session.State.Answers, StringComparer.Ordinal);
            var errors = new List<FieldError>();
            foreach (var item in page.Items)
            {
                var value = values[$"item-{item.Id}"].ToString();
                if (value.Length == 0)
                {
                    answers.Remove(item.Id);
                }
                else if (value == "na")
                {
                    answers[item.Id] = null;
                }
                else if (int.TryParse(value, out var v) && loaded.Instrument.Scale.Contains(v))
                {
                    answers[item.Id] = v;
                }
                else
                {
                    errors.Add(new FieldError($"{item.Id}-{loaded.Instrument.Scale.Min}", TextCatalogue.Form.Get(form.Language(http), "items.legend.hint")));
                }
            }
            if (errors.Count > 0)
            {
                return await form.ItemsPageAsync(http, loaded, number, answers, errors);
            }
            loaded.Session.State.Answers = answers;
            await form.Sessions.SaveAsync(loaded.Session, form.Calendar.Today(), cancellationToken);
            return await form.MoveAsync(http, loaded, values["action"].ToString(),
                back: number == 1 ? "/form/welcome" : $"/form/page/{number - 1}",
                next: number == loaded.Plan.Count ? "/form/comments" : $"/form/page/{number + 1}", cancellationToken);
        });

    private static Task<IResult> Comments(HttpContext http, FormPages form, CancellationToken cancellationToken) =>
        form.WithSessionAsync(http, cancellationToken, loaded => form.CommentsPageAsync(http, loaded, loaded.Session.State.Comments, []));

    private static Task<IResult> SaveComments(HttpContext http, FormPages form, CancellationToken cancellationToken) =>
        form.PostWithSessionAsync(http, cancellationToken, async (loaded, values) =>
        {
            var language = form.Language(http);
            var comments = new Dictionary<string, string>(StringComparer.Ordinal);
            var errors = new List<FieldError>();
            foreach (var domain in loaded.Instrument.Domains)
            {
                var text = values[$"comment-{domain.Id}"].ToString().Trim();
                if (text.Length > ResponseRules.MaxCommentLength || text.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')))
                {
                    errors.Add(new FieldError($"comment-{domain.Id}",
                        TextCatalogue.Form.Format(language, "comments.tooLong", domain.Title.In(language), ResponseRules.MaxCommentLength)));
                }
                if (text.Length > 0)
                {
                    comments[domain.Id] = text;
                }
            }
            if (errors.Count > 0)
            {
                return await form.CommentsPageAsync(http, loaded, comments, errors);
            }
            loaded.Session.State.Comments = comments;
            await form.Sessions.SaveAsync(loaded.Session, form.Calendar.Today(), cancellationToken);
            return await form.MoveAsync(http, loaded, values["action"].ToString(), back: $"/form/page/{loaded.Plan.Count}", next: "/form/help",
                cancellationToken);
        });

    private static Task<IResult> Help(HttpContext http, FormPages form, CancellationToken cancellationToken) =>
        form.WithSessionAsync(http, cancellationToken, loaded =>
            form.PageAsync<HelpPage>(new HelpModel(form.Frame(http, TextCatalogue.Form.Get(form.Language(http), "help.heading"), "/form/help"),
                loaded.Session.State.Mode)));

    private static Task<IResult> SaveHelp(HttpContext http, FormPages form, CancellationToken cancellationToken) =>
        form.PostWithSessionAsync(http, cancellationToken, async (loaded, values) =>
        {
            var mode = values["mode"].ToString();
            loaded.Session.State.Mode = HelpPage.HelpModes.Contains(mode) ? mode : null;
            await form.Sessions.SaveAsync(loaded.Session, form.Calendar.Today(), cancellationToken);
            return await form.MoveAsync(http, loaded, values["action"].ToString(), back: "/form/comments", next: "/form/review", cancellationToken);
        });

    private static Task<IResult> Review(HttpContext http, FormPages form, CancellationToken cancellationToken) =>
        form.WithSessionAsync(http, cancellationToken, loaded => form.ReviewPageAsync(http, loaded, null, []));

    /// <summary>Sends the answers (Enter or the main button), or goes back, or saves for later.</summary>
    private static Task<IResult> SendOrMove(HttpContext http, FormPages form, CancellationToken cancellationToken) =>
        form.PostAsync(http, async values =>
        {
            // A second press of Send (or a retry after a lost answer) gets the first one's receipt: the page carries a
            // random submission key, used as the idempotency key of the submission.
            var key = values["submission"].ToString();
            var idempotency = key.Length == 26
                ? new IdempotentRequest("form:", key, IdempotentRequest.HashOf("POST /form/review", key))
                : null;
            if (idempotency is not null && await form.Responses.FindEarlierAsync(idempotency, cancellationToken) is { SameRequest: true } earlier)
            {
                return await form.ThanksAsync(http, JsonSerializer.Deserialize<ResponseReceipt>(earlier.ResponseJson, JsonSerializerOptions.Web)!);
            }
            return await form.WithSessionAsync(http, cancellationToken, async loaded =>
            {
                var action = values["action"].ToString();
                if (action != "next")
                {
                    return await form.MoveAsync(http, loaded, action, back: "/form/help", next: "/form/review", cancellationToken);
                }
                var language = form.Language(http);
                var state = loaded.Session.State;
                var typedCode = values["panelCode"].ToString().Trim();
                var panelCode = loaded.Survey.Anonymity == AnonymityMode.Pseudonymous && typedCode.Length > 0 ? typedCode : null;
                if (state.Answers.Count == 0 || idempotency is null)
                {
                    return await form.ReviewPageAsync(http, loaded, typedCode,
                        state.Answers.Count == 0 ? [new FieldError("answers", TextCatalogue.Form.Get(language, "review.none"))] : []);
                }
                var outcome = await form.Submission.SubmitAsync(new SubmissionRequest(loaded.Survey,
                    new Sender.Respondent(loaded.Opened.Invitation, state.Mode ?? "self", new FormSessionStore.EndWithResponse(loaded.Session)),
                    state.Answers, panelCode, state.Comments, idempotency), cancellationToken);
                if (outcome.Stored is { } stored)
                {
                    http.Response.Cookies.Delete(SessionCookie, FormPages.CookieOptions());
                    return await form.ThanksAsync(http, ResponseEndpoints.Receipt(stored));
                }
                if (outcome.Earlier is { SameRequest: true, Withdrawn: false } replay)
                {
                    return await form.ThanksAsync(http, JsonSerializer.Deserialize<ResponseReceipt>(replay.ResponseJson, JsonSerializerOptions.Web)!);
                }
                // The pages only let valid answers through; anything else (a survey edited meanwhile) is not sent half-checked.
                FieldError Error(string field, string text) => new(field, TextCatalogue.Form.Get(language, text));
                return outcome.Refused switch
                {
                    SubmissionRefusal.Invalid when outcome.Errors.Any(e => e.Field == "panelCode") =>
                        await form.ReviewPageAsync(http, loaded, typedCode, [Error("panel-code", "review.panel.invalid")]),
                    SubmissionRefusal.Invalid => await form.ReviewPageAsync(http, loaded, typedCode, [Error("answers", "review.invalid")]),
                    SubmissionRefusal.PanelCodeDoesNotCheck => await form.ReviewPageAsync(http, loaded, typedCode, [Error("panel-code", "review.panel.mistyped")]),
                    SubmissionRefusal.PanelCodeTaken => await form.ReviewPageAsync(http, loaded, typedCode, [Error("panel-code", "review.panel.taken")]),
                    SubmissionRefusal.NotOpenYet => await form.RefusalPageAsync(http, InvitationRefusal.NotYetOpen, loaded.Survey),
                    SubmissionRefusal.SurveyClosed or SubmissionRefusal.ClosedWhileSending =>
                        await form.RefusalPageAsync(http, InvitationRefusal.Closed, loaded.Survey),
                    _ => await form.RefusalPageAsync(http, InvitationRefusal.Used, loaded.Survey),
                };
            });
        });

    private static Task<IResult> WithdrawForm(HttpContext http, FormPages form) => form.WithdrawPageAsync(http, null, null, StatusCodes.Status200OK);

    private static Task<IResult> Withdraw(HttpContext http, FormPages form, CancellationToken cancellationToken) =>
        form.PostAsync(http, async values =>
        {
            var code = values["receiptCode"].ToString();
            var outcome = ReceiptCodes.Normalise(code) is { } receipt
                ? await form.Responses.DeleteByReceiptAsync(receipt, cancellationToken)
                : WithdrawalOutcome.Unknown;
            if (outcome == WithdrawalOutcome.AlreadyPublished)
            {
                return await form.WithdrawPageAsync(http, code, "withdraw.published", StatusCodes.Status409Conflict);
            }
            if (outcome == WithdrawalOutcome.Deleted)
            {
                var language = form.Language(http);
                return await form.PageAsync<MessagePage>(new MessageModel(form.Frame(http, TextCatalogue.Form.Get(language, "withdraw.done.heading"), "/withdraw"),
                    TextCatalogue.Form.Get(language, "withdraw.done.heading"), TextCatalogue.Form.Get(language, "withdraw.done.body")));
            }
            return await form.WithdrawPageAsync(http, code, "withdraw.unknown", StatusCodes.Status422UnprocessableEntity);
        });
}
