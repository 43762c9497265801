namespace Evaluation.Api.Storage;

public sealed class StorageOptions
{
    public const string Section = "Evaluation:Storage";

    /// <summary>SQLite database file, relative to the working directory.</summary>
    public string DatabasePath { get; set; } = "data/evaluation.db";
}
