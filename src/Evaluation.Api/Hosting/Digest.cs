using System.Security.Cryptography;
using System.Text;

namespace Evaluation.Api.Hosting;

/// <summary>The one way text is hashed for storage and comparison: SHA-256 of its UTF-8 bytes, as lower-case hex.</summary>
public static class Digest
{
    public static string Sha256Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
