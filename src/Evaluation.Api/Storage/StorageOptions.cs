namespace Evaluation.Api.Storage;

public sealed class StorageOptions
{
    public const string Section = "Evaluation:Storage";

    /// <summary>SQLite database file, relative to the working directory; used unless a PostgreSQL connection string is set.</summary>
    public string DatabasePath { get; set; } = "data/evaluation.db";

    /// <summary>
    /// An Npgsql connection string (<c>Host=…;Database=…;Username=…;Password=…</c>): when set, the service stores
    /// everything in that PostgreSQL database instead of the SQLite file, and several instances can share it.
    /// </summary>
    public string PostgresConnectionString { get; set; } = "";

    /// <summary>
    /// The secret that turns panel codes into panel keys, kept outside the database (so a copy of the database alone
    /// cannot link a known code to its answers). Empty: beside the database, as <c>&lt;database&gt;.panel-secret</c>.
    /// </summary>
    public string PanelSecretPath { get; set; } = "";

    /// <summary>
    /// The folder of the keys that protect the respondent form's antiforgery tokens (ASP.NET Data Protection), created
    /// on first start. Empty: beside the database, as <c>&lt;database&gt;.keys</c>. Instances sharing a database share it.
    /// </summary>
    public string KeysPath { get; set; } = "";

    public string ResolveKeysPath() => Path.GetFullPath(KeysPath.Length > 0 ? KeysPath : DatabasePath + ".keys");
}
