namespace Evaluation.Api.Storage;

public sealed class StorageOptions
{
    public const string Section = "Evaluation:Storage";

    /// <summary>SQLite database file, relative to the working directory.</summary>
    public string DatabasePath { get; set; } = "data/evaluation.db";

    /// <summary>
    /// The secret that turns panel codes into panel keys, kept outside the database (so a copy of the database alone
    /// cannot link a known code to its answers). Empty: beside the database, as <c>&lt;database&gt;.panel-secret</c>.
    /// </summary>
    public string PanelSecretPath { get; set; } = "";
}
