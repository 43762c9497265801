using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Dapper;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.Data.Sqlite;

namespace Evaluation.Api.Tests;

/// <summary>
/// Bad input at volume: FsCheck draws mutations of a corpus of valid requests — one for every route, from the access
/// matrix, which fails when the app has a route it does not know — and sends them as several kinds of caller. Every answer must be below 500; every 4xx from the API must be
/// problem details; a refused request must write nothing (SQLite's data_version, seen from a connection of our own,
/// does not move). FUZZ_REQUESTS sets how many (20,000 by default); failures are listed by kind.
/// </summary>
[Trait(TestBackend.Trait, TestBackend.SqliteOnly)]
[Trait(TestSuites.Trait, TestSuites.Trust)]
public sealed class FuzzTests : IAsyncDisposable
{
    private static readonly int Requests = int.TryParse(Environment.GetEnvironmentVariable("FUZZ_REQUESTS"), out var n) ? n : 20_000;

    private static readonly string[] InjectedFields = ["role", "circleId", "organisationId", "surveyId", "id", "status", "answers", "comments", "__proto__", "isAdmin"];

    private static readonly string[] Texts =
    [
        "", " ", "x", "<script>alert(1)</script>", "=1+1", "' OR 1=1 --", "..", "%2e%2e%2f", "\u0000", "🙂 Croeso", "null", "1e309",
        "\ud800", "a\r\nSet-Cookie: x=y", "{{7*7}}",
    ];

    private readonly EvaluationApiFactory _factory = new();

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    internal enum Kind
    {
        RemoveField,
        SetField,
        InjectField,
        DuplicateKey,
        Truncate,
        InvalidUtf8,
        WrongContentType,
        EmptyBody,
        WholeBody,
        DeepNesting,
        HugeString,
        Oversized,
        PathSegment,
        Query,
        IdempotencyKey,
        BadKey,
    }

    internal sealed record Mutation(int Route, int Caller, Kind Kind, int Pick, int Value, int Size)
    {
        public override string ToString() => $"{Kind} route#{Route} caller#{Caller} pick {Pick} value {Value} size {Size}";
    }

    private static Gen<Mutation> Mutations(int routes, int callers) =>
        from route in Gen.Choose(0, routes - 1)
        from caller in Gen.Choose(0, callers - 1)
        from kind in Gen.Frequency(
            (8, Gen.Constant(Kind.RemoveField)), (12, Gen.Constant(Kind.SetField)), (8, Gen.Constant(Kind.InjectField)),
            (4, Gen.Constant(Kind.DuplicateKey)), (4, Gen.Constant(Kind.Truncate)), (3, Gen.Constant(Kind.InvalidUtf8)),
            (3, Gen.Constant(Kind.WrongContentType)), (3, Gen.Constant(Kind.EmptyBody)), (4, Gen.Constant(Kind.WholeBody)),
            (2, Gen.Constant(Kind.DeepNesting)), (2, Gen.Constant(Kind.HugeString)), (1, Gen.Constant(Kind.Oversized)),
            (8, Gen.Constant(Kind.PathSegment)), (5, Gen.Constant(Kind.Query)), (3, Gen.Constant(Kind.IdempotencyKey)), (2, Gen.Constant(Kind.BadKey)))
        from pick in Gen.Choose(0, 1000)
        from value in Gen.Choose(0, 1000)
        from size in Gen.Choose(1, 100)
        select new Mutation(route, caller, kind, pick, value, size);

    /// <summary>A JSON value of every awkward kind.</summary>
    private static JsonNode? Value(int value) => (value % 16) switch
    {
        0 => null,
        1 => JsonValue.Create(true),
        2 => JsonValue.Create(-1),
        3 => JsonValue.Create(0),
        4 => JsonValue.Create(6),
        5 => JsonValue.Create(2147483648L),
        6 => JsonValue.Create(1e308),
        7 => JsonValue.Create(3.5),
        8 => new JsonArray(),
        9 => new JsonObject(),
        10 => new JsonArray(JsonValue.Create(1), JsonValue.Create("two"), null),
        11 => new JsonObject { ["nested"] = new JsonObject { ["deeper"] = JsonValue.Create(Texts[value % Texts.Length]) } },
        _ => JsonValue.Create(Texts[value % Texts.Length]),
    };

    /// <summary>Without CR, LF and NUL, which no HTTP client sends in a header (Kestrel refuses them itself).</summary>
    private static string HeaderSafe(string text) => text.Replace("\r", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal)
        .Replace("\0", "", StringComparison.Ordinal);

    private static async Task<HttpRequestMessage> MutateAsync(HttpRequestMessage request, Mutation m)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync();
        var contentType = request.Content?.Headers.ContentType?.MediaType ?? "application/json";
        var json = body is not null && contentType == "application/json" ? JsonNode.Parse(body) : null;
        var fields = json is JsonObject o ? o.Select(p => p.Key).ToList() : [];
        string? newBody = body;
        byte[]? bytes = null;
        var url = request.RequestUri!.OriginalString;
        switch (m.Kind)
        {
            case Kind.RemoveField when fields.Count > 0:
                ((JsonObject)json!).Remove(fields[m.Pick % fields.Count]);
                newBody = json!.ToJsonString();
                break;
            case Kind.SetField when fields.Count > 0:
                ((JsonObject)json!)[fields[m.Pick % fields.Count]] = Value(m.Value);
                newBody = json!.ToJsonString();
                break;
            case Kind.InjectField:
                var target = json as JsonObject ?? new JsonObject();
                target[InjectedFields[m.Pick % InjectedFields.Length]] = Value(m.Value);
                newBody = target.ToJsonString();
                contentType = "application/json";
                break;
            case Kind.DuplicateKey when fields.Count > 0:
                var key = fields[m.Pick % fields.Count];
                newBody = "{\"" + key + "\":" + (Value(m.Value)?.ToJsonString() ?? "null") + "," + json!.ToJsonString()[1..];
                break;
            case Kind.Truncate when body is { Length: > 1 }:
                newBody = body[..(m.Pick % body.Length)];
                break;
            case Kind.InvalidUtf8:
                var valid = Encoding.UTF8.GetBytes(body ?? "{\"name\":\"x\"}");
                var at = Math.Min(valid.Length, m.Pick % (valid.Length + 1));
                bytes = [.. valid[..at], 0xC3, 0x28, 0xFF, .. valid[at..]];
                break;
            case Kind.WrongContentType:
                contentType = new[] { "text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data" }[m.Pick % 4];
                newBody ??= "{}";
                break;
            case Kind.EmptyBody:
                newBody = "";
                break;
            case Kind.WholeBody:
                newBody = Value(m.Value)?.ToJsonString() ?? "null";
                contentType = "application/json";
                break;
            case Kind.DeepNesting:
                var depth = 100 * m.Size;
                newBody = string.Concat(Enumerable.Repeat("{\"a\":[", depth)) + "1" + string.Concat(Enumerable.Repeat("]}", depth));
                contentType = "application/json";
                break;
            case Kind.HugeString when fields.Count > 0:
                ((JsonObject)json!)[fields[m.Pick % fields.Count]] = new string('x', 1000 * m.Size);
                newBody = json!.ToJsonString();
                break;
            case Kind.Oversized:
                newBody = "{\"name\":\"" + new string('x', 5 * 1024 * 1024) + "\"}";
                contentType = "application/json";
                break;
            case Kind.PathSegment:
                var segments = url.Split('?')[0].Split('/');
                var index = 1 + (m.Pick % Math.Max(1, segments.Length - 1));
                segments[Math.Min(index, segments.Length - 1)] = Uri.EscapeDataString(m.Value % 5 == 0 ? new string('a', 5000) : Texts[m.Value % Texts.Length]);
                url = string.Join('/', segments) + (url.Contains('?', StringComparison.Ordinal) ? "?" + url.Split('?', 2)[1] : "");
                break;
            case Kind.Query:
                var name = new[] { "language", "compareWith", "listwise", "limit", "format", "circleId" }[m.Pick % 6];
                url += (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + name + "=" + Uri.EscapeDataString(Texts[m.Value % Texts.Length]);
                break;
        }
        var mutated = new HttpRequestMessage(request.Method, url);
        foreach (var header in request.Headers)
        {
            mutated.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }
        if (m.Kind == Kind.IdempotencyKey)
        {
            mutated.Headers.Remove("Idempotency-Key");
            mutated.Headers.TryAddWithoutValidation("Idempotency-Key", m.Value % 3 == 0 ? new string('k', 10_000) : HeaderSafe(Texts[m.Value % Texts.Length]));
        }
        if (bytes is not null || newBody is not null)
        {
            var content = bytes is not null ? new ByteArrayContent(bytes) : new ByteArrayContent(Encoding.UTF8.GetBytes(newBody!));
            content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
            mutated.Content = content;
        }
        return mutated;
    }

    [Fact]
    public async Task MutatedRequests_NeverFail500_AlwaysAnswerProblemDetails_AndWriteNothingWhenRefused()
    {
        var fixture = await AccessTests.ArrangeAsync(_factory);
        var routes = AccessTests.Routes.ToList();
        var callers = fixture.Callers.ToList();
        await using var watcher = new SqliteConnection($"Data Source={_factory.DatabasePath};Pooling=False");
        await watcher.OpenAsync();
        var (sent, refused, skipped, problems) = (0, 0, 0, new List<string>());

        bool Holds(Mutation m)
        {
            var (routeName, (_, build)) = routes[m.Route];
            var (callerName, client) = callers[m.Caller];
            if (m.Kind == Kind.BadKey)
            {
                client = _factory.CreateClient();
                client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", HeaderSafe(Texts[m.Value % Texts.Length]) + "ev_" + m.Pick);
            }
            using var request = MutateAsync(build(fixture), m).GetAwaiter().GetResult(); // building may store what the request needs (a receipt, a token)
            var version = watcher.ExecuteScalar<long>("PRAGMA data_version");
            HttpResponseMessage response;
            try
            {
                response = client.SendAsync(request).GetAwaiter().GetResult();
            }
            catch (Exception exception) when (exception.Message.Contains("null characters", StringComparison.Ordinal)
            )
            {
                skipped++; // the in-memory test client will not send a NUL in a path (Kestrel answers such a request 400 itself)
                return true;
            }
            using var answered = response;
            sent++;
            var status = (int)response.StatusCode;
            var page = routeName.Contains(" /r", StringComparison.Ordinal) || routeName.Contains(" /form", StringComparison.Ordinal)
                || routeName.Contains(" /withdraw", StringComparison.Ordinal);
            var failure = status >= 500 ? $"{status}"
                : status >= 400 && !page && response.Content.Headers.ContentType?.MediaType != "application/problem+json"
                    ? $"{status} as {response.Content.Headers.ContentType?.MediaType ?? "no content type"}, not problem details"
                : status >= 400 && watcher.ExecuteScalar<long>("PRAGMA data_version") != version ? $"{status}, yet rows were written"
                : null;
            if (status >= 400)
            {
                refused++;
            }
            if (failure is not null)
            {
                problems.Add($"{routeName} as {callerName}, {m}: {failure}");
            }
            return failure is null;
        }

        foreach (var mutation in Mutations(routes.Count, callers.Count).Sample(Requests * 11 / 10, 100))
        {
            Holds(mutation);
            if (sent == Requests)
            {
                break;
            }
        }

        // Every kind of failure once, with how often it happened.
        var kinds = problems.GroupBy(p => p[(p.IndexOf(", ", StringComparison.Ordinal) + 2)..].Split(' ')[0] + " " + p[(p.LastIndexOf(": ", StringComparison.Ordinal) + 2)..])
            .Select(g => $"{g.Count()}x {g.First()}");
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, kinds.Take(40)));
        Assert.Equal(HttpStatusCode.OK, (await _factory.CreateClient().GetAsync("/health")).StatusCode); // still up
        Assert.True(sent == Requests, $"only {sent} of {Requests} were sent ({skipped} could not be)");
        Durability.Figures.Record($"bad input: {sent} mutated requests over {routes.Count} routes, {refused} refused; 0 answers >= 500, " +
            "every API refusal problem details, 0 rows written by a refused request");
    }
}
