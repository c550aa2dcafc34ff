using System.Text;
using OsInstall.Common.Targets.Ssh;
using Xunit;

namespace OsInstall.Tests.Ssh;

/// <summary>How a command's answer is cut out of a persistent shell's streams, however they arrive in pieces.</summary>
public sealed class ShellReplyTests
{
    private const string Tag = "00112233445566778899aabbccddeeff.12";

    [Fact]
    public void A_unit_is_one_brace_group_with_the_command_as_one_quoted_word()
    {
        var unit = Encoding.UTF8.GetString(ShellReply.Unit("echo 'it''s'; exit 3", Tag));

        Assert.Equal(
            $"{{ printf '%s\\n' {Tag}.start; ( eval 'echo '\\''it'\\'''\\''s'\\''; exit 3' ) </dev/null; " +
            $"printf '\\n%s.end.%d\\n' {Tag} \"$?\"; printf '\\n%s.end\\n' {Tag} >&2; }}\n",
            unit);
    }

    [Theory]
    [InlineData("")]
    [InlineData("no newline")]
    [InlineData("line\n")]
    [InlineData("\n\n")]
    // Marker lookalikes: another nonce, another command of this session (1 and 120 against 12), a status that is no number.
    [InlineData("\nffeeddccbbaa99887766554433221100.12.end.0\nffeeddccbbaa99887766554433221100.12.end\n")]
    [InlineData("\n00112233445566778899aabbccddeeff.1.end.0\n\n00112233445566778899aabbccddeeff.120.end.0\n")]
    [InlineData("00112233445566778899aabbccddeeff.12.start\n.end.0\n.end\n")]
    public void Output_is_what_lies_between_the_markers_in_any_split(string body)
    {
        var stdout = Encoding.UTF8.GetBytes($"left over\n{Tag}.start\n{body}\n{Tag}.end.42\nafter the end");
        var stderr = Encoding.UTF8.GetBytes($"{body}\n{Tag}.end\nafter the end");

        for (var split = 0; split <= Math.Max(stdout.Length, stderr.Length); split++)
        {
            var reply = new ShellReply(Tag);
            Feed(reply, stdout, split, toStdout: true);
            Feed(reply, stderr, split, toStdout: false);

            Assert.True(reply.Complete, $"split at {split}");
            Assert.Equal((42, body, body), (reply.ExitCode, ShellReply.Decode(reply.StdOut), ShellReply.Decode(reply.StdErr)));
        }
        var byteByByte = new ShellReply(Tag);
        foreach (var b in stdout)
        {
            byteByByte.AddStdout([b]);
        }
        foreach (var b in stderr)
        {
            byteByByte.AddStderr([b]);
        }
        Assert.Equal((42, body, body), (byteByByte.ExitCode, ShellReply.Decode(byteByByte.StdOut), ShellReply.Decode(byteByByte.StdErr)));
    }

    [Fact]
    public void Without_its_start_line_the_command_has_not_started_and_nothing_counts_as_its_output()
    {
        var reply = new ShellReply(Tag);

        reply.AddStdout(Encoding.UTF8.GetBytes($"output of something left running\n{Tag}.star"));

        Assert.False(reply.Started);
        Assert.True(reply.StdOut.IsEmpty);
        reply.AddStdout(Encoding.UTF8.GetBytes("t\npartial"));
        Assert.True(reply.Started);
        Assert.False(reply.Complete);
        Assert.Equal("partial", ShellReply.Decode(reply.StdOut));
    }

    [Fact]
    public void The_end_line_is_complete_only_with_its_status_and_newline()
    {
        var reply = new ShellReply(Tag);
        reply.AddStderr(Encoding.UTF8.GetBytes($"\n{Tag}.end\n"));
        reply.AddStdout(Encoding.UTF8.GetBytes($"{Tag}.start\nout\n{Tag}.end.1"));

        Assert.False(reply.Complete);
        reply.AddStdout(Encoding.UTF8.GetBytes("27\n"));

        Assert.True(reply.Complete);
        Assert.Equal((127, "out", ""), (reply.ExitCode, ShellReply.Decode(reply.StdOut), ShellReply.Decode(reply.StdErr)));
    }

    private static void Feed(ShellReply reply, byte[] data, int split, bool toStdout)
    {
        var at = Math.Min(split, data.Length);
        foreach (var part in new[] { data[..at], data[at..] })
        {
            if (toStdout)
            {
                reply.AddStdout(part);
            }
            else
            {
                reply.AddStderr(part);
            }
        }
    }
}
