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
}
