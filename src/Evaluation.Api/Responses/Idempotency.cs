using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using Evaluation.Api.Hosting;
using Evaluation.Api.Storage;

namespace Evaluation.Api.Responses;

/// <summary>
/// One request sent with an <c>Idempotency-Key</c> header: who sent it (<see cref="Scope"/>: the API key, later a
/// respondent's token), the header's value and a hash of what was asked.
/// </summary>
public sealed record IdempotentRequest(string Scope, string Key, string RequestHash)
{
    public const string Header = "Idempotency-Key";

    /// <summary>1–255 visible ASCII characters, as clients generate (a UUID is typical).</summary>
    public static bool IsValidKey(string key) => key.Length is >= 1 and <= 255 && key.All(c => c is > ' ' and <= '~');

    public static string HashOf(string route, string canonicalBody) =>
        Digest.Sha256Hex(route + "\n" + canonicalBody);

    /// <summary>
    /// The request's hash as stored: keyed with the header value, so a copy of the database cannot test guesses of a
    /// request body (say, a known person's panel code) against it.
    /// </summary>
    public string StoredRequestHash => Convert.ToHexStringLower(HMACSHA256.HashData(Derive("evaluation idempotency request"), Encoding.UTF8.GetBytes(RequestHash)));

    /// <summary>What the store looks the request up by: not the header value, which also seals the answer.</summary>
    public string KeyHash => Convert.ToHexStringLower(Derive("evaluation idempotency lookup"));

    /// <summary>The original answer sealed (AES-GCM) with a key only the holder of the header value can derive.</summary>
    public byte[] Seal(string responseJson)
    {
        var plain = Encoding.UTF8.GetBytes(responseJson);
        var nonce = RandomNumberGenerator.GetBytes(AesGcm.NonceByteSizes.MaxSize);
        var tag = new byte[AesGcm.TagByteSizes.MaxSize];
        var cipher = new byte[plain.Length];
        using var aes = new AesGcm(Derive("evaluation idempotency seal"), tag.Length);
        aes.Encrypt(nonce, plain, cipher, tag);
        return [.. nonce, .. tag, .. cipher];
    }

    public string Open(byte[] sealedResponse)
    {
        var nonceSize = AesGcm.NonceByteSizes.MaxSize;
        var tagSize = AesGcm.TagByteSizes.MaxSize;
        var plain = new byte[sealedResponse.Length - nonceSize - tagSize];
        using var aes = new AesGcm(Derive("evaluation idempotency seal"), tagSize);
        aes.Decrypt(sealedResponse.AsSpan(0, nonceSize), sealedResponse.AsSpan(nonceSize + tagSize), sealedResponse.AsSpan(nonceSize, tagSize), plain);
        return Encoding.UTF8.GetString(plain);
    }

    /// <summary>The record of this request's answer, as stored: hashed and sealed here, before any write begins.</summary>
    public IdempotencyRecord Record(int status, string responseJson, DateOnly today) =>
        new(Scope, KeyHash, StoredRequestHash, status, Seal(responseJson), today);

    private byte[] Derive(string purpose) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(Key), 32, Encoding.UTF8.GetBytes(Scope), Encoding.UTF8.GetBytes(purpose));
}

/// <summary>An idempotency record ready to be written: nothing in it reveals the request or its answer without the key.</summary>
public sealed record IdempotencyRecord(string Scope, string KeyHash, string RequestHash, int Status, byte[] SealedResponse, DateOnly CreatedOn);

/// <summary>An earlier answer to the same key: replayed when the request is the same, refused when it differs.</summary>
/// <param name="Withdrawn">The response it answered is no longer stored (withdrawn with its receipt code): a replay is 410 Gone.</param>
public sealed record IdempotentAnswer(bool SameRequest, int Status, string ResponseJson, bool Withdrawn = false);

public static class IdempotencyRecords
{
    public static async Task<IdempotentAnswer?> FindAsync(DbConnection connection, IdempotentRequest request, CancellationToken cancellationToken,
        DbTransaction? transaction = null)
    {
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
            "SELECT request_hash, status, sealed_response FROM idempotency_records WHERE scope = @scope AND key_hash = @keyHash",
            new { scope = request.Scope, keyHash = request.KeyHash }, transaction, cancellationToken: cancellationToken));
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }
        var same = reader.GetString(0) == request.StoredRequestHash;
        return new IdempotentAnswer(same, reader.GetInt32(1), same ? request.Open((byte[])reader.GetValue(2)) : "");
    }

    /// <summary>Records the answer in the caller's transaction; false when the same key was recorded first by a concurrent request.</summary>
    public static async Task<bool> TryRecordAsync(DbConnection connection, DbTransaction transaction, IdempotencyRecord record,
        CancellationToken cancellationToken = default)
    {
        var command = connection.Reusable(transaction,
                """
                INSERT INTO idempotency_records (scope, key_hash, request_hash, status, sealed_response, created_on)
                VALUES (@scope, @keyHash, @requestHash, @status, @sealed, @today)
                ON CONFLICT (scope, key_hash) DO NOTHING
                """)
            .Set("@scope", record.Scope).Set("@keyHash", record.KeyHash).Set("@requestHash", record.RequestHash).Set("@status", record.Status)
            .Set("@sealed", record.SealedResponse)
            .Set("@today", record.CreatedOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }
}
