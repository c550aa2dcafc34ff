using System.Globalization;
using System.Text;
using OsInstall.Common.Shell;

namespace OsInstall.Common.Targets.Ssh;

/// <summary>
/// The protocol of a persistent remote shell (<see cref="ShellSession"/>): how one command is sent
/// (<see cref="Unit"/>) and how its answer is cut out of the shell's stdout and stderr streams.
/// </summary>
/// <remarks>
/// A unit is one brace group, so a shell that receives only part of it runs nothing:
/// <code>{ printf '%s\n' TAG.start; ( eval 'COMMAND' ) &lt;/dev/null; printf '\n%s.end.%d\n' TAG "$?"; printf '\n%s.end\n' TAG &gt;&amp;2; }</code>
/// The command runs in a subshell with stdin from /dev/null, so its exit, cd, variables, traps,
/// set -e or a syntax error stay in the subshell and it cannot read the units that follow.
/// TAG is the session's random nonce and the command's sequence number: a command cannot know it,
/// so nothing it prints is taken for a marker. Stdout is what lies between the start line and the
/// newline the end line begins with (byte-exact, with or without a trailing newline); stderr is
/// what came since the previous command's end line, up to the newline its own end line begins with.
/// </remarks>
internal sealed class ShellReply
{
    private readonly byte[] startLine;
    private readonly byte[] stdoutEnd;
    private readonly byte[] stderrEnd;
    private readonly ByteBuffer beforeStart = new();
    private readonly ByteBuffer stdout = new();
    private readonly ByteBuffer stderr = new();
    private int stdoutSearchFrom;
    private int stderrSearchFrom;
    private int stdoutLength = -1;
    private int stderrLength = -1;

    public ShellReply(string tag)
    {
        startLine = Encoding.ASCII.GetBytes($"{tag}.start\n");
        stdoutEnd = Encoding.ASCII.GetBytes($"\n{tag}.end.");
        stderrEnd = Encoding.ASCII.GetBytes($"\n{tag}.end\n");
    }

    /// <summary>The shell has taken the command: its start line arrived.</summary>
    public bool Started { get; private set; }

    /// <summary>Both end lines arrived: <see cref="ExitCode"/>, <see cref="StdOut"/> and <see cref="StdErr"/> are final.</summary>
    public bool Complete => stdoutLength >= 0 && stderrLength >= 0;

    public int ExitCode { get; private set; } = -1;

    /// <summary>The command's stdout (so far, until <see cref="Complete"/>).</summary>
    public ReadOnlySpan<byte> StdOut => stdoutLength >= 0 ? stdout.Span[..stdoutLength] : stdout.Span;

    /// <summary>The command's stderr (so far, until <see cref="Complete"/>).</summary>
    public ReadOnlySpan<byte> StdErr => stderrLength >= 0 ? stderr.Span[..stderrLength] : stderr.Span;

    /// <summary>The bytes to write to the shell's stdin to run <paramref name="command"/>.</summary>
    public static byte[] Unit(string command, string tag)
    {
        var t = Sh.Quote(tag);
        return Encoding.UTF8.GetBytes(
            $"{{ printf '%s\\n' {t}.start; ( eval {Sh.Quote(command)} ) </dev/null; " +
            $"printf '\\n%s.end.%d\\n' {t} \"$?\"; printf '\\n%s.end\\n' {t} >&2; }}\n");
    }

    public void AddStdout(ReadOnlySpan<byte> data)
    {
        if (stdoutLength >= 0)
        {
            return; // after the end line: output of something the command left running, not the command's
        }
        if (!Started)
        {
            // Anything before the start line was written between commands (by something an earlier command left running).
            var searchFrom = Math.Max(0, beforeStart.Count - (startLine.Length - 1));
            beforeStart.Append(data);
            var at = beforeStart.Span[searchFrom..].IndexOf(startLine);
            if (at < 0)
            {
                return;
            }
            Started = true;
            data = beforeStart.Span[(searchFrom + at + startLine.Length)..];
        }
        stdout.Append(data);
        while (true)
        {
            var at = stdout.Span[stdoutSearchFrom..].IndexOf(stdoutEnd);
            if (at < 0)
            {
                stdoutSearchFrom = Math.Max(0, stdout.Count - (stdoutEnd.Length - 1));
                return;
            }
            var end = stdoutSearchFrom + at;
            stdoutSearchFrom = end; // the status may still be on its way: look here again next time
            var status = stdout.Span[(end + stdoutEnd.Length)..];
            var newline = status.IndexOf((byte)'\n');
            if (newline < 0)
            {
                return;
            }
            if (int.TryParse(status[..newline], NumberStyles.None, CultureInfo.InvariantCulture, out var code))
            {
                ExitCode = code;
                stdoutLength = end;
                return;
            }
            stdoutSearchFrom = end + 1; // not our end line after all
        }
    }

    public void AddStderr(ReadOnlySpan<byte> data)
    {
        if (stderrLength >= 0)
        {
            return;
        }
        stderr.Append(data);
        var at = stderr.Span[stderrSearchFrom..].IndexOf(stderrEnd);
        if (at < 0)
        {
            stderrSearchFrom = Math.Max(0, stderr.Count - (stderrEnd.Length - 1));
            return;
        }
        stderrLength = stderrSearchFrom + at;
    }

    /// <summary>Decodes output as SSH.NET's SshCommand.Result does: UTF-8, byte order marks honoured, invalid bytes replaced.</summary>
    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return "";
        }
        using var reader = new StreamReader(new MemoryStream(bytes.ToArray(), writable: false), Encoding.UTF8);
        return reader.ReadToEnd();
    }

    private sealed class ByteBuffer
    {
        private byte[] bytes = new byte[256];

        public int Count { get; private set; }

        public ReadOnlySpan<byte> Span => bytes.AsSpan(0, Count);

        public void Append(ReadOnlySpan<byte> data)
        {
            if (Count + data.Length > bytes.Length)
            {
                Array.Resize(ref bytes, Math.Max(Count + data.Length, bytes.Length * 2));
            }
            data.CopyTo(bytes.AsSpan(Count));
            Count += data.Length;
        }
    }
}
