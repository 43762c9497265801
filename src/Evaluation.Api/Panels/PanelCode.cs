using Evaluation.Api.Hosting;

namespace Evaluation.Api.Panels;

/// <summary>
/// A panel card's code: 12 random Crockford base32 characters and a check character, printed XXXX-XXXX-XXXX-X. The
/// check is a weighted sum over GF(32) (x⁵ + x² + 1, weights the powers of x), so every code with one character
/// mistyped, or two neighbours swapped, fails it and is refused instead of starting a new panel member. Cards printed
/// before the check character carry 12 characters, and earlier waves took any 8–64 letters and digits: such a code is
/// accepted only when someone of the organisation's panel already answered with it (<see cref="PanelKeys.ResolveAsync"/>).
/// </summary>
public static class PanelCode
{
    public const int PayloadLength = 12;

    /// <summary>Printed on a card: groups of four, the check character last.</summary>
    public static string New()
    {
        var payload = Crockford.Encode(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8))[..PayloadLength];
        return string.Join('-', (payload + CheckCharacter(payload)).Chunk(4).Select(c => new string(c)));
    }

    /// <summary>The card's 12 characters when <paramref name="normalised"/> is a card code whose check character is right; else null.</summary>
    public static string? Payload(string normalised) =>
        normalised.Length == PayloadLength + 1 && normalised.All(c => Crockford.Alphabet.Contains(c))
        && CheckCharacter(normalised[..PayloadLength]) == normalised[PayloadLength]
            ? normalised[..PayloadLength]
            : null;

    public static char CheckCharacter(string payload)
    {
        var sum = 0;
        foreach (var c in payload)
        {
            sum = TimesX(sum) ^ Crockford.Alphabet.IndexOf(c, StringComparison.Ordinal);
        }
        return Crockford.Alphabet[TimesX(sum)]; // the whole code's sum, check character included, is then zero
    }

    /// <summary>Multiplication by x in GF(32) = GF(2)[x] / (x⁵ + x² + 1).</summary>
    private static int TimesX(int value)
    {
        var shifted = value << 1;
        return (shifted & 0b100000) != 0 ? shifted ^ 0b100101 : shifted;
    }
}
