using Evaluation.Localisation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Evaluation.Api.Hosting;

/// <summary>
/// Problems a respondent's software shows (an invitation link, a draft, a submission, a withdrawal), in the language
/// its <c>Accept-Language</c> asks for first, English or Welsh, from <see cref="TextCatalogue.RespondentApi"/>; the
/// answer's <c>Content-Language</c> says which. Staff calls get the same texts in English.
/// </summary>
public static class RespondentProblems
{
    /// <summary>The respondent's language for this request, noted on the response.</summary>
    public static string LanguageOf(HttpContext context)
    {
        var language = Languages.FromTag(context.Request.Headers.AcceptLanguage.ToString());
        context.Response.Headers.ContentLanguage = language;
        return language;
    }

    /// <summary>A problem titled and explained by <c>{key}.title</c> and <c>{key}.detail</c>.</summary>
    public static ProblemHttpResult Problem(string language, int status, string key) =>
        TypedResults.Problem(statusCode: status, title: Text(language, key + ".title"), detail: Text(language, key + ".detail"));

    /// <summary>A 409 naming <paramref name="field"/>, explained by <c>{key}.detail</c> formatted with <paramref name="values"/>.</summary>
    public static ProblemHttpResult Conflict(string language, string key, string field, params object[] values) =>
        Problems.Conflict(Text(language, key + ".title"), TextCatalogue.RespondentApi.Format(language, key + ".detail", values), field);

    /// <summary>A 422 naming <paramref name="field"/>, with the message under <paramref name="key"/>.</summary>
    public static ProblemHttpResult Unprocessable(string language, string field, string key) =>
        Problems.Unprocessable(new Dictionary<string, string[]> { [field] = [Text(language, key)] }, Text(language, "invalid.title"), Text(language, "invalid.detail"));

    public static string Text(string language, string key) => TextCatalogue.RespondentApi.Get(language, key);
}
