using System.Security.Cryptography;
using System.Text;
using Dapper;
using Evaluation.Api.Hosting;
using Evaluation.Api.Storage;
using Microsoft.Extensions.Options;

namespace Evaluation.Api.Panels;

/// <summary>
/// Panel codes for pseudonymous waves. A person keeps one code across waves (printed on a card they were given, or
/// one they choose); the service stores only <see cref="KeyOf"/>: an HMAC-SHA256 of the organisation and the code
/// under a secret file created on first start (owner-only permissions), whose fingerprint in the database makes every
/// instance and every restore use the same one. Codes themselves are never stored.
/// </summary>
public sealed class PanelKeys(IOptions<StorageOptions> options, Database database)
{
    // PublicationOnly: a failure (a disk error) is not remembered, so the next request tries again.
    private readonly Lazy<byte[]> _secret = new(() => LoadOrCreate(options.Value), LazyThreadSafetyMode.PublicationOnly);

    /// <summary>A code as typed (see <see cref="Crockford.Normalise"/>); null when it cannot be one: 8–64 letters and digits.</summary>
    public static string? Normalise(string code)
    {
        var text = Crockford.Normalise(code);
        return text.Length is >= 8 and <= 64 && text.All(char.IsAsciiLetterOrDigit) ? text : null;
    }

    /// <summary>Said when a code typed is no card's code and nobody of the panel answered with it before.</summary>
    public const string DoesNotCheck = "This panel code does not check out: a character may be mistyped or missing. Compare it with the card: " +
        "13 letters and digits in groups of four, such as 4X7D-9QBT-KM2R-C.";

    /// <summary>
    /// The panel key of a code as typed, or null when it may not be used: a card code whose check character is right
    /// gives the key of its 12 characters; any other code (cards printed before the check character, codes of earlier
    /// waves) only the key someone of the organisation's panel already answered with, so a slip of the keyboard never
    /// starts a new panel member. Null also when it is no code at all (see <see cref="Normalise"/>).
    /// </summary>
    public async Task<string?> ResolveAsync(string organisationId, string typed, CancellationToken cancellationToken)
    {
        if (Normalise(typed) is not { } code)
        {
            return null;
        }
        if (PanelCode.Payload(code) is { } payload)
        {
            return KeyOf(organisationId, payload);
        }
        var key = KeyOf(organisationId, code); // keys are made with the organisation, so a key found is of this organisation's panel
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int?>(new CommandDefinition(
            "SELECT 1 FROM panel_memberships WHERE panel_key = @key LIMIT 1", new { key }, cancellationToken: cancellationToken)) is not null
            ? key
            : null;
    }

    public string KeyOf(string organisationId, string normalisedCode) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_secret.Value, Encoding.UTF8.GetBytes(organisationId + ":" + normalisedCode)));

    /// <summary>A stable pseudonym for exports: derived from the key, so it joins waves but reveals neither key nor code.</summary>
    public string ExportIdOf(string panelKey) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_secret.Value, Encoding.UTF8.GetBytes("export:" + panelKey)))[..16];

    /// <summary>
    /// Records the secret's fingerprint in the database the first time, and afterwards checks it: every instance on
    /// one database, and every restore, must use the secret the existing panel keys were made with.
    /// </summary>
    public async Task CheckSecretAsync(CancellationToken cancellationToken)
    {
        var fingerprint = Convert.ToHexStringLower(HMACSHA256.HashData(_secret.Value, "evaluation panel secret fingerprint"u8))[..32];
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO secret_fingerprints (name, fingerprint) VALUES ('panel', @fingerprint) ON CONFLICT (name) DO NOTHING",
            new { fingerprint }, cancellationToken: cancellationToken));
        var recorded = await connection.QuerySingleAsync<string>(new CommandDefinition(
            "SELECT fingerprint FROM secret_fingerprints WHERE name = 'panel'", cancellationToken: cancellationToken));
        if (recorded != fingerprint)
        {
            throw new PanelSecretMismatchException(
                $"The panel secret {SecretPath(options.Value)} is not the one {database.Dialect.Location} was used with: panel codes would no " +
                "longer match earlier waves. Use the same secret file everywhere (copy it from the first instance or the backup, or set " +
                "Evaluation:Storage:PanelSecretPath).");
        }
    }

    private static string SecretPath(StorageOptions storage) =>
        Path.GetFullPath(storage.PanelSecretPath.Length > 0 ? storage.PanelSecretPath : storage.DatabasePath + ".panel-secret");

    /// <summary>
    /// Reads the secret, or creates it: written whole to a temporary file, flushed to disk, then moved into place
    /// without overwriting, so two processes starting at once (the service and an import) end up with the same one.
    /// </summary>
    private static byte[] LoadOrCreate(StorageOptions storage)
    {
        var path = SecretPath(storage);
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }
            using (var file = new FileStream(temporary, options))
            {
                file.Write(Encoding.ASCII.GetBytes(Convert.ToHexString(RandomNumberGenerator.GetBytes(32))));
                file.Flush(flushToDisk: true);
            }
            try
            {
                File.Move(temporary, path, overwrite: false);
            }
            catch (IOException) when (File.Exists(path))
            {
                File.Delete(temporary); // another process created it first: use theirs
            }
        }
        var secret = Convert.FromHexString(File.ReadAllText(path).Trim());
        return secret.Length == 32
            ? secret
            : throw new InvalidDataException($"The panel secret {path} is damaged (not 32 bytes): restore it from the backup taken with the database.");
    }
}

/// <summary>The panel secret differs from the one the database's panel keys were made with; the host does not start.</summary>
public sealed class PanelSecretMismatchException(string message) : Exception(message);
