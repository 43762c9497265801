using System.Text;

namespace Evaluation.Api.Hosting;

/// <summary>
/// Crockford's base32 for codes people read off paper and type back: digits and letters without I, L, O and U; typed
/// text is forgiven spaces, dashes, lower case and the look-alikes O (0) and I, L (1).
/// </summary>
public static class Crockford
{
    public const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static string Encode(byte[] bytes)
    {
        var text = new StringBuilder();
        int buffer = 0, bits = 0;
        foreach (var b in bytes)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                text.Append(Alphabet[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0)
        {
            text.Append(Alphabet[(buffer << (5 - bits)) & 31]);
        }
        return text.ToString();
    }

    public static string Normalise(string typed) => new(typed.Where(c => !char.IsWhiteSpace(c) && c != '-')
        .Select(c => char.ToUpperInvariant(c) switch { 'O' => '0', 'I' or 'L' => '1', var upper => upper }).ToArray());
}
