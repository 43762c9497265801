using System.Security.Cryptography;
using System.Text;
using Evaluation.Api.Hosting;

namespace Evaluation.Api.Responses;

/// <summary>Receipt codes a respondent can keep to withdraw their answers: 4 groups of 4 unambiguous characters.</summary>
public static class ReceiptCodes
{
    private const string Alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

    public static string New()
    {
        var characters = RandomNumberGenerator.GetItems<char>(Alphabet, 16);
        return string.Join('-', Enumerable.Range(0, 4).Select(i => new string(characters, i * 4, 4)));
    }

    public static string Hash(string code) => Digest.Sha256Hex(code.ToUpperInvariant());

    /// <summary>
    /// A code as a person types it back (lower case, spaces, missing or extra dashes) in its printed form, or null
    /// when it cannot be one.
    /// </summary>
    public static string? Normalise(string typed)
    {
        var characters = typed.Where(c => !char.IsWhiteSpace(c) && c != '-').Select(char.ToUpperInvariant).ToArray();
        return characters.Length == 16 && characters.All(Alphabet.Contains)
            ? string.Join('-', Enumerable.Range(0, 4).Select(i => new string(characters, i * 4, 4)))
            : null;
    }
}
