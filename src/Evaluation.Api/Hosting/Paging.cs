using System.Buffers.Text;
using System.Text;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Evaluation.Api.Hosting;

/// <summary>
/// One page of a list, in a stable order. <c>next</c> is the address of the page after it (the same filters and
/// limit, with a cursor), or null on the last page: a client follows it until it is null.
/// </summary>
public sealed record Page<T>(IReadOnlyList<T> Items, [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Next);

/// <summary>
/// Keyset paging for list endpoints: <c>limit</c> (1–200, default 50) and an opaque <c>cursor</c> holding the sort
/// key of the last item shown, so pages neither skip nor repeat items when others are added meanwhile.
/// </summary>
public sealed record Paging(int Limit, IReadOnlyList<string>? After)
{
    public const int DefaultLimit = 50;
    public const int MaximumLimit = 200;

    /// <summary>The paging a request asks for, or a 422 naming <c>limit</c> or <c>cursor</c>.</summary>
    public static (Paging? Paging, ProblemHttpResult? Problem) Read(int? limit, string? cursor, int keyParts)
    {
        if (limit is < 1 or > MaximumLimit)
        {
            return (null, Problems.Unprocessable("limit", $"Ask for 1–{MaximumLimit} items a page (default {DefaultLimit})."));
        }
        IReadOnlyList<string>? after = null;
        if (cursor is not null)
        {
            after = Decode(cursor);
            if (after is null || after.Count != keyParts)
            {
                return (null, Problems.Unprocessable("cursor", "This cursor was not made by this list: follow the 'next' address of the page before."));
            }
        }
        return (new Paging(limit ?? DefaultLimit, after), null);
    }

    /// <summary>
    /// The page of <paramref name="fetched"/> (read with <see cref="Limit"/> + 1 rows, to know whether more follow) and
    /// the address of the next one: <paramref name="path"/> with <paramref name="filters"/>, the limit and a cursor.
    /// </summary>
    public Page<T> PageOf<T>(IReadOnlyList<T> fetched, Func<T, IReadOnlyList<string>> key, string path, IEnumerable<(string Name, string? Value)> filters)
    {
        if (fetched.Count <= Limit)
        {
            return new Page<T>(fetched, null);
        }
        var items = fetched.Take(Limit).ToList();
        var query = filters.Where(f => f.Value is not null).Select(f => (f.Name, f.Value!))
            .Append(("limit", Limit.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .Append(("cursor", Encode(key(items[^1]))));
        return new Page<T>(items, path + "?" + string.Join('&', query.Select(q => $"{q.Item1}={Uri.EscapeDataString(q.Item2)}")));
    }

    private static string Encode(IReadOnlyList<string> parts) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Join('\0', parts)));

    private static IReadOnlyList<string>? Decode(string cursor)
    {
        try
        {
            return Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor)).Split('\0');
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
