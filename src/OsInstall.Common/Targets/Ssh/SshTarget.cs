using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Net.Sockets;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace OsInstall.Common.Targets.Ssh;

/// <summary>
/// A host reached over one persistent SSH connection; every command is a channel on it, and
/// channels multiplex, so concurrent commands share the connection.
/// A connection found lost before a command starts is reopened once and the command sent;
/// one lost while a command runs is reopened once and the command fails with
/// <see cref="HostUnreachableException"/>: it may have run, so it is never silently rerun.
/// </summary>
public sealed class SshTarget : ShellTarget, IAsyncDisposable
{
    private const int TimedOutExitCode = 124;

    private readonly SshConnector connector;
    private readonly TimeSpan commandTimeout;
    private readonly SemaphoreSlim connectGate = new(1, 1);
    private readonly SemaphoreSlim channels;
    private SshClient? client;
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

    public bool IsConnected => Alive(Volatile.Read(ref client));

    /// <summary>Opens the connection unless it is open.</summary>
    public async Task EnsureConnectedAsync(CancellationToken ct = default) =>
        await GetClientAsync(ct).ConfigureAwait(false);

    /// <summary>Closes the connection; the next command opens a new one.</summary>
    public async Task DisconnectAsync()
    {
        await connectGate.WaitAsync().ConfigureAwait(false);
        try
        {
            Close(client);
            client = null;
        }
        finally
        {
            connectGate.Release();
        }
    }

    public override async Task<CommandResult> RunAsync(string command, CancellationToken ct = default)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        await channels.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var reconnected = false;
            while (true)
            {
                var current = await GetClientAsync(ct).ConfigureAwait(false);
                var sw = Stopwatch.StartNew();
                SshCommand? created = null;
                Task execution;
                try
                {
                    created = current.CreateCommand(command);
                    created.CommandTimeout = commandTimeout;
                    // Opening the channel and sending the exec request happen synchronously here:
                    // a failure in this call means the command was never started on the host.
                    execution = created.ExecuteAsync(ct);
                }
                catch (Exception ex) when (IsConnectionLoss(ex))
                {
                    created?.Dispose();
                    await DropAsync(current).ConfigureAwait(false);
                    if (reconnected)
                    {
                        throw new HostUnreachableException(Name, $"connection lost again after reconnecting: {ex.Message}", ex);
                    }
                    reconnected = true;
                    continue;
                }
                using var ssh = created;
                try
                {
                    await execution.ConfigureAwait(false);
                }
                catch (SshOperationTimeoutException)
                {
                    return new CommandResult(TimedOutExitCode, ssh.Result, $"{ssh.Error}timed out after {commandTimeout}", sw.Elapsed);
                }
                catch (Exception ex) when (IsConnectionLoss(ex) && !ct.IsCancellationRequested)
                {
                    throw await LostWhileRunningAsync(current, ex, ct).ConfigureAwait(false);
                }
                var exit = ssh.ExitStatus ?? 255;
                var stderr = ssh.ExitSignal is { } signal ? $"{ssh.Error}killed by signal {signal}" : ssh.Error;
                return new CommandResult(exit, ssh.Result, stderr, sw.Elapsed);
            }
        }
        finally
        {
            channels.Release();
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

    private static bool IsConnectionLoss(Exception ex) =>
        ex is SshConnectionException or SocketException or IOException or ObjectDisposedException
        || (ex is SshException && ex.Message.Contains("not connected", StringComparison.OrdinalIgnoreCase));
}
