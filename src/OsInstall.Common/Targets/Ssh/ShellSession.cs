using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Renci.SshNet;

namespace OsInstall.Common.Targets.Ssh;

/// <summary>How a command sent to a <see cref="ShellSession"/> ended.</summary>
internal enum ShellOutcomeKind
{
    /// <summary>Both end lines arrived: exit code and output are the command's.</summary>
    Completed,

    /// <summary>The session ended before its shell took the command: the command did not run.</summary>
    NotStarted,

    /// <summary>The session ended while the command ran: it may or may not have finished.</summary>
    Ended,

    TimedOut,

    Canceled,
}

/// <param name="Cause">Why the session ended (the connection's failure), or null when its shell exited.</param>
internal sealed record ShellOutcome(ShellOutcomeKind Kind, int ExitCode, string StdOut, string StdErr, TimeSpan Duration, Exception? Cause = null);

/// <summary>
/// One long-lived <c>/bin/sh</c> on an SSH exec channel (no pty: stderr stays separate) that runs
/// commands one at a time, each sent as one <see cref="ShellReply.Unit"/> on its stdin; so a command
/// costs a write and a subshell fork instead of a channel, a session and a login shell.
/// </summary>
/// <remarks>
/// SSH.NET's output streams only block, so each stream has a dedicated thread reading it.
/// A session whose channel ended stays ended (<see cref="HasEnded"/>); its owner discards it.
/// </remarks>
internal sealed class ShellSession
{
    private const int ReadBufferSize = 64 * 1024;

    private readonly SshCommand shell;
    private readonly Stream input;
    private readonly Task running;
    private readonly string nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
    private readonly Lock gate = new();
    private long sequence;
    private int openStreams = 2;
    private ShellReply? reply;
    private TaskCompletionSource? replied;
    private int closed;

    private ShellSession(SshClient client, SshCommand shell, Stream input, Task running)
    {
        Client = client;
        this.shell = shell;
        this.input = input;
        this.running = running;
    }

    /// <summary>The connection the session's channel lives on.</summary>
    public SshClient Client { get; }

    /// <summary>The channel is closed (the shell exited or the connection broke): the session takes no more commands.</summary>
    public bool HasEnded
    {
        get
        {
            lock (gate)
            {
                return openStreams < 2 || running.IsCompleted;
            }
        }
    }

    /// <summary>
    /// Opens the channel and starts the shell. Opening and the exec request happen here,
    /// synchronously: a connection loss surfaces as an exception from this call.
    /// </summary>
    public static ShellSession Open(SshClient client)
    {
        var shell = client.CreateCommand("exec /bin/sh");
        try
        {
            var running = shell.ExecuteAsync();
            // Observed here so a connection loss never surfaces as an unobserved task exception.
            _ = running.ContinueWith(static t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            var session = new ShellSession(client, shell, shell.CreateInputStream(), running);
            session.StartReader(shell.OutputStream, stdout: true);
            session.StartReader(shell.ExtendedOutputStream, stdout: false);
            return session;
        }
        catch
        {
            shell.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Runs one command; the session must be idle. Never throws for what happens to the session:
    /// the outcome says whether the command completed, never started, or was cut off.
    /// </summary>
    public async Task<ShellOutcome> RunAsync(string command, TimeSpan timeout, CancellationToken ct)
    {
        var tag = $"{nonce}.{++sequence}";
        var current = new ShellReply(tag);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sw = Stopwatch.StartNew();
        bool ended;
        lock (gate)
        {
            ended = openStreams < 2;
            if (!ended)
            {
                reply = current;
                replied = done;
            }
        }
        if (ended)
        {
            return new ShellOutcome(ShellOutcomeKind.NotStarted, -1, "", "", sw.Elapsed, await EndCauseAsync().ConfigureAwait(false));
        }
        try
        {
            // The unit is one brace group: a shell that gets only part of it runs nothing.
            input.Write(ShellReply.Unit(command, tag));
            input.Flush();
        }
        catch (Exception ex)
        {
            // Not all of the unit left: the shell runs nothing of it (a brace group runs once complete).
            Forget();
            return new ShellOutcome(ShellOutcomeKind.NotStarted, -1, "", "", sw.Elapsed, ex);
        }

        using (var limit = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            limit.CancelAfter(timeout);
            try
            {
                await done.Task.WaitAsync(limit.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Decided below, after the readers have let go of the reply.
            }
        }
        // From here on the readers no longer touch the reply.
        Forget();
        if (!done.Task.IsCompleted)
        {
            var kind = ct.IsCancellationRequested ? ShellOutcomeKind.Canceled : ShellOutcomeKind.TimedOut;
            return new ShellOutcome(kind, -1, ShellReply.Decode(current.StdOut), ShellReply.Decode(current.StdErr), sw.Elapsed);
        }
        if (current.Complete)
        {
            return new ShellOutcome(ShellOutcomeKind.Completed, current.ExitCode, ShellReply.Decode(current.StdOut), ShellReply.Decode(current.StdErr), sw.Elapsed);
        }
        var cutOff = current.Started ? ShellOutcomeKind.Ended : ShellOutcomeKind.NotStarted;
        return new ShellOutcome(cutOff, -1, ShellReply.Decode(current.StdOut), ShellReply.Decode(current.StdErr), sw.Elapsed, await EndCauseAsync().ConfigureAwait(false));
    }

    /// <summary>How the shell ended, for a message: its exit status or signal.</summary>
    public string DescribeEnd() =>
        shell.ExitSignal is { } signal ? $"killed by signal {signal}"
        : shell.ExitStatus is { } status ? $"exit {status.ToString(CultureInfo.InvariantCulture)}"
        : "no exit status";

    /// <summary>
    /// Asks sshd to stop what the shell runs (a TERM signal request, which sshd delivers to the
    /// session's process group; as SSH.NET cancels a command) and closes the channel. An sshd that
    /// refuses signal requests (the simulated hosts' does) leaves the command running to its end, as it
    /// left a timed-out command over a channel of its own.
    /// </summary>
    public void Kill()
    {
        try
        {
            if (!running.IsCompleted)
            {
                shell.CancelAsync(forceKill: false, millisecondsTimeout: 500);
            }
        }
        catch (Exception)
        {
            // The channel or the connection is already gone.
        }
        Close();
    }

    /// <summary>Ends the shell (end of its input) and closes the channel; the readers end with it.</summary>
    public void Close()
    {
        if (Interlocked.Exchange(ref closed, 1) != 0)
        {
            return;
        }
        try
        {
            input.Dispose();
        }
        catch (Exception)
        {
            // The channel or the connection is already gone.
        }
        try
        {
            shell.Dispose();
        }
        catch (Exception)
        {
            // Already broken: nothing more to release.
        }
    }

    private void Forget()
    {
        lock (gate)
        {
            reply = null;
            replied = null;
        }
    }

    // SSH.NET completes the execution task (with the connection's exception when it broke) before it
    // ends the output streams; the wait is only a safeguard.
    private async Task<Exception?> EndCauseAsync()
    {
        try
        {
            await running.WaitAsync(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
            return null;
        }
        catch (TimeoutException)
        {
            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }

    private void StartReader(Stream stream, bool stdout)
    {
        var thread = new Thread(() => Pump(stream, stdout), maxStackSize: 256 * 1024)
        {
            IsBackground = true,
            Name = stdout ? "ssh-shell-stdout" : "ssh-shell-stderr",
        };
        thread.Start();
    }

    private void Pump(Stream stream, bool stdout)
    {
        var buffer = new byte[ReadBufferSize];
        while (true)
        {
            int read;
            try
            {
                read = stream.Read(buffer, 0, buffer.Length);
            }
            catch (Exception)
            {
                read = 0; // a failing stream ends the session like its end does (and never the process)
            }
            if (read == 0)
            {
                break;
            }
            lock (gate)
            {
                if (reply is not { } current)
                {
                    continue; // between commands: output of something an earlier command left running
                }
                if (stdout)
                {
                    current.AddStdout(buffer.AsSpan(0, read));
                }
                else
                {
                    current.AddStderr(buffer.AsSpan(0, read));
                }
                if (current.Complete)
                {
                    replied?.TrySetResult();
                }
            }
        }
        lock (gate)
        {
            // Both streams end together (when the channel closes); the other one may still hold data.
            if (--openStreams == 0)
            {
                replied?.TrySetResult();
            }
        }
    }
}
