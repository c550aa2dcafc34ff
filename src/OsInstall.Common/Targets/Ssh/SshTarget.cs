using System.Diagnostics.CodeAnalysis;
using System.Net.Sockets;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace OsInstall.Common.Targets.Ssh;

/// <summary>
/// A host reached over one persistent SSH connection. Commands run in long-lived remote shells
/// (<see cref="ShellSession"/>, one exec channel each) on that connection: an idle shell takes the
/// next command, concurrent commands use different shells, at most <c>maxChannels</c> at a time;
/// each command runs in its own subshell, so nothing it changes reaches the next one.
/// A connection found lost before a command starts (before its shell took it) is reopened once
/// and the command sent; one lost while a command runs is reopened once and the command fails with
/// <see cref="HostUnreachableException"/>: it may have run, so it is never silently rerun.
/// A shell that ended, timed out or was cancelled is discarded, never reused.
/// </summary>
public sealed class SshTarget : ShellTarget, IAsyncDisposable
{
    private const int TimedOutExitCode = 124;
    private const int EndedShellExitCode = 255;

    // Shells that end before taking a command while the connection stays up (killed on the host):
    // how many fresh ones a command tries before it fails.
    private const int FreshShellAttempts = 3;

    private readonly SshConnector connector;
    private readonly TimeSpan commandTimeout;
    private readonly SemaphoreSlim connectGate = new(1, 1);
    private readonly SemaphoreSlim channels;
    private readonly Lock poolGate = new();
    private readonly Stack<ShellSession> idle = new();
    private readonly HashSet<ShellSession> sessions = [];
    private SshClient? client;
    private int shellsOpened;
    private bool disposed;

    public SshTarget(SshEndpoint endpoint, SshConnector connector, TimeSpan commandTimeout, int maxChannels = 10)
    {
        Endpoint = endpoint;
        this.connector = connector;
        this.commandTimeout = commandTimeout;
        channels = new SemaphoreSlim(maxChannels, maxChannels);
    }

    public override string Name => Endpoint.Name;

    public SshEndpoint Endpoint { get; }

    /// <summary>How many connections this target has opened so far (1 while the first one lives).</summary>
    public int ConnectionsOpened { get; private set; }

    /// <summary>How many remote shells (exec channels) this target has opened so far.</summary>
    public int ShellsOpened
    {
        get
        {
            lock (poolGate)
            {
                return shellsOpened;
            }
        }
    }

    public bool IsConnected => Alive(Volatile.Read(ref client));

    /// <summary>Opens the connection unless it is open.</summary>
    public async Task EnsureConnectedAsync(CancellationToken ct = default) =>
        await GetClientAsync(ct).ConfigureAwait(false);

    /// <summary>Closes the connection and its shells; the next command opens a new one.</summary>
    public async Task DisconnectAsync()
    {
        SshClient? old;
        await connectGate.WaitAsync().ConfigureAwait(false);
        try
        {
            old = client;
            Close(client);
            client = null;
        }
        finally
        {
            connectGate.Release();
        }
        CloseIdleShells(old);
    }

    public override async Task<CommandResult> RunAsync(string command, CancellationToken ct = default)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        await channels.WaitAsync(ct).ConfigureAwait(false);
        // A shell killed on timeout or cancellation keeps its channel slot until its channel is closed.
        Task? closing = null;
        try
        {
            var reconnected = false;
            var freshShells = 0;
            while (true)
            {
                var current = await GetClientAsync(ct).ConfigureAwait(false);
                ShellSession session;
                try
                {
                    // After a shell that ended unnoticed, a fresh one: opening it tells a lost connection from a dead shell.
                    session = (freshShells > 0 ? null : TakeIdleShell(current)) ?? OpenShell(current);
                }
                catch (Exception ex) when (IsConnectionLoss(ex))
                {
                    await DropAsync(current).ConfigureAwait(false);
                    if (reconnected)
                    {
                        throw new HostUnreachableException(Name, $"connection lost again after reconnecting: {ex.Message}", ex);
                    }
                    reconnected = true;
                    continue;
                }
                var outcome = await session.RunAsync(command, commandTimeout, ct).ConfigureAwait(false);
                switch (outcome.Kind)
                {
                    case ShellOutcomeKind.Completed:
                        ReturnShell(session);
                        return new CommandResult(outcome.ExitCode, outcome.StdOut, outcome.StdErr, outcome.Duration);
                    case ShellOutcomeKind.TimedOut:
                        closing = DiscardShell(session, kill: true);
                        return new CommandResult(TimedOutExitCode, outcome.StdOut, $"{outcome.StdErr}timed out after {commandTimeout}", outcome.Duration);
                    case ShellOutcomeKind.Canceled:
                        closing = DiscardShell(session, kill: true);
                        throw new OperationCanceledException(ct);
                    case ShellOutcomeKind.NotStarted:
                        _ = DiscardShell(session, kill: false);
                        // A shell killed on the host fails the write with the same exceptions a lost
                        // connection does: only a connection that reads as lost is dropped. One that is
                        // lost but not yet noticed fails the fresh shell's opening above, and is dropped there.
                        if (!Alive(current))
                        {
                            await DropAsync(current).ConfigureAwait(false);
                            if (reconnected)
                            {
                                throw new HostUnreachableException(Name, $"connection lost again after reconnecting: {outcome.Cause?.Message ?? "not connected"}", outcome.Cause);
                            }
                            reconnected = true;
                        }
                        else if (++freshShells >= FreshShellAttempts)
                        {
                            throw new HostUnreachableException(Name, $"{freshShells} remote shells in a row ended before they took the command (last: {session.DescribeEnd()})");
                        }
                        continue;
                    default: // Ended: cut off while it ran
                        _ = DiscardShell(session, kill: false);
                        if (IsConnectionLoss(outcome.Cause) || !Alive(current))
                        {
                            throw await LostWhileRunningAsync(current, outcome.Cause ?? new SshConnectionException("Client not connected."), ct).ConfigureAwait(false);
                        }
                        return new CommandResult(EndedShellExitCode, outcome.StdOut,
                            $"{outcome.StdErr}the remote shell ended ({session.DescribeEnd()}) before the command finished (it may or may not have run)", outcome.Duration);
                }
            }
        }
        finally
        {
            if (closing is null)
            {
                channels.Release();
            }
            else
            {
                _ = closing.ContinueWith(_ => channels.Release(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (disposed)
        {
            return;
        }
        disposed = true;
        await DisconnectAsync().ConfigureAwait(false);
        List<ShellSession> left;
        lock (poolGate)
        {
            left = [.. sessions];
            sessions.Clear();
            idle.Clear();
        }
        // The connection is closed: closing a channel no longer waits for the host's answer.
        foreach (var session in left)
        {
            session.Close();
        }
    }

    private ShellSession? TakeIdleShell(SshClient current)
    {
        List<ShellSession>? stale = null;
        ShellSession? found = null;
        lock (poolGate)
        {
            while (idle.TryPop(out var session))
            {
                if (ReferenceEquals(session.Client, current) && !session.HasEnded)
                {
                    found = session;
                    break;
                }
                sessions.Remove(session);
                (stale ??= []).Add(session);
            }
        }
        if (stale is not null)
        {
            _ = Task.Run(() => stale.ForEach(s => s.Close()));
        }
        return found;
    }

    private ShellSession OpenShell(SshClient current)
    {
        var session = ShellSession.Open(current);
        lock (poolGate)
        {
            sessions.Add(session);
            shellsOpened++;
        }
        return session;
    }

    private void ReturnShell(ShellSession session)
    {
        lock (poolGate)
        {
            if (!disposed && !session.HasEnded)
            {
                idle.Push(session);
                return;
            }
            sessions.Remove(session);
        }
        _ = Task.Run(session.Close);
    }

    // Closing a channel that is still open waits for the host's answer: never on the caller's time.
    private Task DiscardShell(ShellSession session, bool kill)
    {
        lock (poolGate)
        {
            sessions.Remove(session);
        }
        return Task.Run(kill ? session.Kill : session.Close);
    }

    private void CloseIdleShells(SshClient? of)
    {
        if (of is null)
        {
            return;
        }
        List<ShellSession> stale;
        lock (poolGate)
        {
            stale = [.. idle.Where(s => ReferenceEquals(s.Client, of))];
            var keep = idle.Where(s => !ReferenceEquals(s.Client, of)).Reverse().ToList();
            idle.Clear();
            keep.ForEach(idle.Push);
            stale.ForEach(s => sessions.Remove(s));
        }
        // The connection is closed: closing its channels no longer waits for the host.
        stale.ForEach(s => s.Close());
    }

    private async Task<HostUnreachableException> LostWhileRunningAsync(SshClient lost, Exception ex, CancellationToken ct)
    {
        await DropAsync(lost).ConfigureAwait(false);
        var message = $"connection lost while a command was running (it may or may not have run; not retried): {ex.Message}";
        try
        {
            await GetClientAsync(ct).ConfigureAwait(false);
        }
        catch (Exception reconnect) when (reconnect is HostUnreachableException or HostKeyRejectedException)
        {
            message += $"; reconnecting failed too: {reconnect.Message}";
        }
        return new HostUnreachableException(Name, message, ex);
    }

    private async Task<SshClient> GetClientAsync(CancellationToken ct)
    {
        var current = Volatile.Read(ref client);
        if (Alive(current))
        {
            return current;
        }
        await connectGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (Alive(client))
            {
                return client;
            }
            Close(client);
            client = null;
            var fresh = await connector.ConnectAsync(Endpoint, ct).ConfigureAwait(false);
            ConnectionsOpened++;
            Volatile.Write(ref client, fresh);
            return fresh;
        }
        finally
        {
            connectGate.Release();
        }
    }

    // Only the connection that failed is dropped: another command may already have replaced it.
    private async Task DropAsync(SshClient failed)
    {
        await connectGate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (ReferenceEquals(client, failed))
            {
                Close(client);
                client = null;
            }
        }
        finally
        {
            connectGate.Release();
        }
        CloseIdleShells(failed);
    }

    private static void Close(SshClient? ssh)
    {
        if (ssh is null)
        {
            return;
        }
        try
        {
            if (Alive(ssh))
            {
                ssh.Disconnect();
            }
        }
        catch (Exception ex) when (ex is SshException or SocketException or IOException or ObjectDisposedException)
        {
            // Already broken: disposing is all that is left to do.
        }
        ssh.Dispose();
    }

    // Another command may dispose a client this one still holds (after a drop): that reads as not connected.
    private static bool Alive([NotNullWhen(true)] SshClient? ssh)
    {
        try
        {
            return ssh is { IsConnected: true };
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
    }

    private static bool IsConnectionLoss(Exception? ex) =>
        ex is SshConnectionException or SocketException or IOException or ObjectDisposedException
        || (ex is SshException && ex.Message.Contains("not connected", StringComparison.OrdinalIgnoreCase));
}
