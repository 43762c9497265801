using System.Data.Common;
using System.Runtime.CompilerServices;

namespace Evaluation.Api.Storage;

public static class DbCommands
{
    /// <summary>The commands made by <see cref="Reusable"/>, per connection object: they go when it goes.</summary>
    private static readonly ConditionalWeakTable<DbConnection, Dictionary<string, DbCommand>> Reused = new();

    /// <summary>Adds a named parameter (<c>@name</c> in the SQL) the same way on every provider.</summary>
    public static DbParameter AddParameter(this DbCommand command, string name, object? value = null)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return parameter;
    }

    /// <summary>
    /// The connection's one command for <paramref name="sql"/>, made on first use and kept with the connection, so a
    /// statement run again and again on a connection that stays open (the SQLite writer's: <see cref="WriteQueue"/>) is
    /// compiled once, not on every run (Microsoft.Data.Sqlite keeps a compiled statement with its command only). Set
    /// every parameter with <see cref="Set"/> before each run; never dispose it (it lives as long as the connection).
    /// A connection is used by one caller at a time, and so are its commands. A run leaves nothing open: the provider
    /// resets the statement when its reader is disposed, so a kept query pins no snapshot (DbCommandsTests).
    /// </summary>
    public static DbCommand Reusable(this DbConnection connection, DbTransaction? transaction, string sql)
    {
        var commands = Reused.GetValue(connection, _ => new Dictionary<string, DbCommand>(StringComparer.Ordinal));
        if (!commands.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            commands.Add(sql, command);
        }
        command.Transaction = transaction;
        return command;
    }

    /// <summary>Sets a named parameter's value, adding the parameter on first use.</summary>
    public static DbCommand Set(this DbCommand command, string name, object? value)
    {
        var index = command.Parameters.IndexOf(name);
        if (index < 0)
        {
            command.AddParameter(name, value);
        }
        else
        {
            command.Parameters[index].Value = value ?? DBNull.Value;
        }
        return command;
    }
}
