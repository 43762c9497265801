using System.Data.Common;

namespace Evaluation.Api.Storage;

public static class DbCommands
{
    /// <summary>Adds a named parameter (<c>@name</c> in the SQL) the same way on every provider.</summary>
    public static DbParameter AddParameter(this DbCommand command, string name, object? value = null)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
