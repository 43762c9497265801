using System.Collections.Frozen;
using System.Text.Json;

namespace Evaluation.Api.Hosting;

/// <summary>
/// The one spelling of a closed set's values outside the code (roles, completion modes, invitation kinds, anonymity
/// modes, statuses, cadences): kebab-case, as <c>CircleLead</c> is <c>circle-lead</c>. JSON gets it from the
/// converter in <see cref="EvaluationHost.ConfigureJson"/>; storage, claims, the command line and messages from here.
/// </summary>
public static class Kebab
{
    public static string Name<T>(T value) where T : struct, Enum => Spelling<T>.Names[value];

    /// <summary>The value spelt exactly so (no other case, no number), else false.</summary>
    public static bool TryParse<T>(string? text, out T value) where T : struct, Enum
    {
        value = default;
        return text is not null && Spelling<T>.Values.TryGetValue(text, out value);
    }

    /// <summary>The value spelt so in storage or a claim, where anything else is a broken invariant.</summary>
    public static T Parse<T>(string text) where T : struct, Enum =>
        TryParse<T>(text, out var value) ? value : throw new FormatException($"'{text}' is not a {typeof(T).Name}.");

    /// <summary>Every value's spelling, in declaration order.</summary>
    public static IReadOnlyList<string> All<T>() where T : struct, Enum => Spelling<T>.InOrder;

    /// <summary>"a, b or c", for a message that lists the choices.</summary>
    public static string Choices<T>() where T : struct, Enum =>
        All<T>() is { Count: > 1 } all ? $"{string.Join(", ", all.Take(all.Count - 1))} or {all[^1]}" : All<T>().Single();

    private static class Spelling<T> where T : struct, Enum
    {
        public static readonly IReadOnlyList<string> InOrder = Enum.GetValues<T>().Select(v => JsonNamingPolicy.KebabCaseLower.ConvertName(v.ToString())).ToList();

        public static readonly FrozenDictionary<T, string> Names = Enum.GetValues<T>().Zip(InOrder).ToFrozenDictionary(p => p.First, p => p.Second);

        public static readonly FrozenDictionary<string, T> Values = Enum.GetValues<T>().Zip(InOrder).ToFrozenDictionary(p => p.Second, p => p.First, StringComparer.Ordinal);
    }
}
