using System.Data.Common;
using System.Threading.Channels;

namespace Evaluation.Api.Storage;

/// <summary>What a queued write did: its value, and whether its changes are kept (false: they are rolled back, the value still delivered).</summary>
public readonly record struct WriteOutcome<T>(T Value, bool Keep = true);

/// <summary>
/// One unit of work for the <see cref="WriteQueue"/>: a record of what to write (a submission, an audit entry) that
/// does everything on the connection and transaction it is given.
/// </summary>
public interface IWrite<T>
{
    Task<WriteOutcome<T>> RunAsync(DbConnection connection, DbTransaction transaction);
}

/// <summary>
/// The way writes that many callers make at once (submissions, audit entries) reach the database. SQLite lets one
/// writer in at a time, so there they are queued: one writer runs them one after another, each inside its own
/// savepoint, and commits all that were waiting in one transaction (group commit): one durable commit for the lot,
/// instead of each caller sleeping in SQLite's busy handler until the write lock is free and then paying a commit of its
/// own. PostgreSQL takes concurrent writers and groups their commits itself, and several instances may share it (two
/// batches taking the same keys in different orders would deadlock), so there each write is its own transaction, run
/// at once. Either way a write's result is handed over only once the commit holding it has returned, so an
/// acknowledged write is on disk; when a group's commit fails, every write in it fails and none is kept.
/// </summary>
/// <remarks>
/// A write does everything on the connection and transaction it is given, with no cancellation of its own (the
/// connection is shared with the writes after it), and never queues another write (it would wait for itself). Work
/// that needs no database (hashing, sealing, serialising) belongs before queueing: the writer runs one write at a time.
/// </remarks>
public sealed class WriteQueue(Database database, ILogger<WriteQueue> logger) : IAsyncDisposable
{
    /// <summary>At most this many writes per commit, so one commit's transaction stays short.</summary>
    private const int MaxBatch = 256;

    private readonly Channel<IQueuedWrite> _writes = Channel.CreateUnbounded<IQueuedWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _start = new();
    private Task? _writer;

    /// <summary>The writer's own connection, kept open so the statements it runs again and again stay compiled (<see cref="DbCommands.Reusable"/>).</summary>
    private DbConnection? _connection;

    /// <summary>
    /// Runs <paramref name="write"/> in the next commit and returns its value once that commit is durable. A write whose
    /// caller has given up (<paramref name="cancellationToken"/>) before its turn is not run.
    /// </summary>
    public Task<T> RunAsync<T>(IWrite<T> write, CancellationToken cancellationToken)
    {
        if (!database.Dialect.HasSingleWriter)
        {
            return RunAloneAsync(write, cancellationToken);
        }
        var queued = new QueuedWrite<T>(write, cancellationToken);
        if (Volatile.Read(ref _writer) is null)
        {
            lock (_start)
            {
                _writer ??= Task.Run(WriteLoopAsync);
            }
        }
        if (!_writes.Writer.TryWrite(queued))
        {
            throw new ObjectDisposedException(nameof(WriteQueue), "The service is stopping and takes no more writes.");
        }
        return queued.Result;
    }

    private async Task<T> RunAloneAsync<T>(IWrite<T> write, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var outcome = await write.RunAsync(connection, transaction);
        if (outcome.Keep)
        {
            await transaction.CommitAsync(CancellationToken.None);
        }
        return outcome.Value; // not kept: disposing the transaction rolls it back
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<IQueuedWrite>(MaxBatch);
        while (await _writes.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && _writes.Reader.TryRead(out var write))
            {
                if (write.CallerGaveUp)
                {
                    write.Deliver(committed: false);
                    continue;
                }
                batch.Add(write);
            }
            if (batch.Count > 0)
            {
                await CommitAsync(batch);
                batch.Clear();
            }
        }
    }

    private async Task CommitAsync(List<IQueuedWrite> batch)
    {
        try
        {
            var connection = _connection ??= await database.OpenAsync(CancellationToken.None);
            await using var transaction = await connection.BeginTransactionAsync(CancellationToken.None); // SQLite: IMMEDIATE
            var save = connection.Reusable(transaction, "SAVEPOINT queued_write");
            var rollback = connection.Reusable(transaction, "ROLLBACK TO queued_write");
            var release = connection.Reusable(transaction, "RELEASE queued_write");
            foreach (var write in batch)
            {
                await save.ExecuteNonQueryAsync();
                if (!await write.RunAsync(connection, transaction))
                {
                    await rollback.ExecuteNonQueryAsync();
                }
                await release.ExecuteNonQueryAsync();
            }
            await transaction.CommitAsync(CancellationToken.None);
        }
        catch (Exception exception)
        {
            // The exception names the statement or the database's state, never a value written.
            logger.LogError(exception, "A commit of {Count} queued writes failed; none of them was kept.", batch.Count);
            await DropConnectionAsync(); // the next commit starts on a fresh one, whatever state this one was left in
            foreach (var write in batch)
            {
                write.Fail(exception);
            }
            return;
        }
        foreach (var write in batch)
        {
            write.Deliver(committed: true);
        }
    }

    private async Task DropConnectionAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
            _connection = null;
        }
    }

    /// <summary>Lets the writes already queued commit, then stops.</summary>
    public async ValueTask DisposeAsync()
    {
        _writes.Writer.TryComplete();
        Task? writer;
        lock (_start)
        {
            writer = _writer;
        }
        if (writer is not null)
        {
            await writer;
        }
        await DropConnectionAsync();
    }

    private interface IQueuedWrite
    {
        bool CallerGaveUp { get; }

        /// <summary>Runs the write; false when its changes are to be rolled back (it refused, or failed).</summary>
        Task<bool> RunAsync(DbConnection connection, DbTransaction transaction);

        void Deliver(bool committed);

        void Fail(Exception exception);
    }

    private sealed class QueuedWrite<T>(IWrite<T> write, CancellationToken cancellationToken)
        : IQueuedWrite
    {
        private readonly TaskCompletionSource<T> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private WriteOutcome<T> _outcome;
        private Exception? _failure;

        public Task<T> Result => _result.Task;

        public bool CallerGaveUp => cancellationToken.IsCancellationRequested;

        public async Task<bool> RunAsync(DbConnection connection, DbTransaction transaction)
        {
            try
            {
                _outcome = await write.RunAsync(connection, transaction);
                return _outcome.Keep;
            }
            catch (Exception exception)
            {
                _failure = exception;
                return false;
            }
        }

        public void Deliver(bool committed)
        {
            if (_failure is not null)
            {
                _result.TrySetException(_failure);
            }
            else if (!committed)
            {
                _result.TrySetCanceled(cancellationToken);
            }
            else
            {
                _result.TrySetResult(_outcome.Value);
            }
        }

        public void Fail(Exception exception) => _result.TrySetException(exception);
    }
}
