using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Evaluation.Api.Tests;

/// <summary>
/// A respondent's browser without script, for the form's HTTP behaviour: keeps cookies (over HTTPS, as deployed), does
/// not follow redirects by itself, and posts forms with the antiforgery token of the page last shown.
/// </summary>
public sealed partial class FormBrowser(EvaluationApiFactory factory)
{
    private readonly HttpClient _client = factory.CreateClient(new WebApplicationFactoryClientOptions
    {
        BaseAddress = new Uri("https://localhost"),
        AllowAutoRedirect = false,
        HandleCookies = true,
    });

    public string Html { get; private set; } = "";

    public HttpResponseMessage Last { get; private set; } = null!;

    public HttpStatusCode Status => Last.StatusCode;

    /// <summary>Opens a page, following redirects as a browser would; returns the final path.</summary>
    public async Task<string> OpenAsync(string path)
    {
        Last = await _client.GetAsync(path);
        while (Last.StatusCode is HttpStatusCode.SeeOther or HttpStatusCode.Redirect)
        {
            path = Last.Headers.Location!.ToString();
            Last = await _client.GetAsync(path);
        }
        Html = await Last.Content.ReadAsStringAsync();
        return path;
    }

    /// <summary>Submits the form at <paramref name="action"/> with the fields given (plus the page's antiforgery token); follows a redirect.</summary>
    public async Task<string> PostAsync(string action, params (string Name, string Value)[] fields)
    {
        var values = fields.Append(("__af", Field("__af"))).Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2));
        Last = await _client.PostAsync(action, new FormUrlEncodedContent(values));
        if (Last.StatusCode == HttpStatusCode.SeeOther)
        {
            return await OpenAsync(Last.Headers.Location!.ToString());
        }
        Html = await Last.Content.ReadAsStringAsync();
        return action;
    }

    /// <summary>Types a code on the code page (<c>/r</c>) and sends it; returns where that led.</summary>
    public async Task<string> PostToCodePageAsync(string code)
    {
        await OpenAsync("/r");
        return await PostAsync("/r", ("code", code));
    }

    /// <summary>Posts with a given antiforgery token (a page shown earlier), as a second press of a button does; returns the status.</summary>
    public async Task<HttpStatusCode> PostWithTokenAsync(string action, string antiforgery, params (string Name, string Value)[] fields)
    {
        Last = await _client.PostAsync(action, new FormUrlEncodedContent(fields.Append(("__af", antiforgery))
            .Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2))));
        Html = await Last.Content.ReadAsStringAsync();
        return Last.StatusCode;
    }

    /// <summary>A hidden or text field's value on the current page.</summary>
    public string Field(string name)
    {
        var match = Regex.Match(Html, $"name=\"{Regex.Escape(name)}\" value=\"([^\"]*)\"");
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : throw new InvalidOperationException($"No field '{name}' on the page:\n{Html}");
    }

    /// <summary>The text of the first element with class <paramref name="cssClass"/>.</summary>
    public string TextOf(string cssClass)
    {
        var match = Regex.Match(Html, $"class=\"{Regex.Escape(cssClass)}\"[^>]*>([^<]*)<");
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : throw new InvalidOperationException($"No .{cssClass} on the page:\n{Html}");
    }

    public string Heading => WebUtility.HtmlDecode(H1().Match(Html).Groups[1].Value);

    public IEnumerable<string> CookieHeaders => Last.Headers.TryGetValues("Set-Cookie", out var values) ? values : [];

    [GeneratedRegex("<h1[^>]*>([^<]*)</h1>")]
    private static partial Regex H1();
}
