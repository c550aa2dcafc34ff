using OsInstall.Common.Targets;
using OsInstall.Tests.TestSupport;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace OsInstall.Tests.Shell;

/// <summary>
/// Several files in one command (<see cref="ITarget.WriteFilesAsync"/>), run by a real /bin/sh on
/// this machine: each file keeps its own atomic write, mode and changed/unchanged answer.
/// </summary>
public class WriteFilesTests
{
    /// <summary>A local shell target that counts its commands (round trips).</summary>
    private sealed class CountingTarget : ShellTarget
    {
        private readonly LocalTarget local = new("local", TimeSpan.FromSeconds(10));

        public int Commands { get; private set; }

        public override string Name => "local";

        public override Task<CommandResult> RunAsync(string command, CancellationToken ct = default)
        {
            Commands++;
            return local.RunAsync(command, ct);
        }
    }

    private sealed class ListSink : ILogEventSink
    {
        public List<string> Lines { get; } = [];

        public void Emit(LogEvent logEvent) => Lines.Add(logEvent.RenderMessage());
    }

    [Fact]
    public async Task Three_files_take_one_command_and_each_answers_for_itself()
    {
        using var dir = new TempDir();
        var target = new CountingTarget();
        FileWrite[] files =
        [
            new(dir.File("a/one.conf"), "one = '1'\n"),
            new(dir.File("b dir/it's.key"), "$secret`x`\n", FileSpec.Secret),
            new(dir.File("c/run.sh"), "#!/bin/sh\necho hi\n", FileSpec.Executable),
        ];

        Assert.Equal([true, true, true], await target.WriteFilesAsync(files));
        Assert.Equal(1, target.Commands);
        foreach (var f in files)
        {
            Assert.Equal(f.Content, await File.ReadAllTextAsync(f.Path));
        }
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(files[1].Path));
        Assert.True(File.GetUnixFileMode(files[2].Path).HasFlag(UnixFileMode.UserExecute));

        Assert.Equal([false, false, false], await target.WriteFilesAsync(files));

        files[1] = files[1] with { Content = "changed\n" };
        Assert.Equal([false, true, false], await target.WriteFilesAsync(files));
        files[2] = files[2] with { Spec = FileSpec.Default };
        Assert.Equal([false, false, true], await target.WriteFilesAsync(files));
        Assert.Equal(4, target.Commands);
        Assert.Empty(Directory.EnumerateFiles(dir.Path, "*.osinstall-tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Files_beyond_one_commands_length_go_in_further_commands_in_order()
    {
        using var dir = new TempDir();
        var target = new CountingTarget();
        // Three files of 30 000 bytes: 40 000 in base64 each, so two fit in no command.
        var files = Enumerable.Range(0, 3).Select(i => new FileWrite(dir.File($"big{i}"), new string((char)('a' + i), 30_000))).ToArray();

        Assert.Equal([true, true, true], await target.WriteFilesAsync(files));
        Assert.Equal(3, target.Commands);
        foreach (var f in files)
        {
            Assert.Equal(f.Content, await File.ReadAllTextAsync(f.Path));
        }
        files[2] = files[2] with { Content = "small" };
        Assert.Equal([false, false, true], await target.WriteFilesAsync(files));
    }

    [Fact]
    public async Task The_first_failing_file_is_named_and_stops_the_rest()
    {
        using var dir = new TempDir();
        var target = new CountingTarget();
        var blocker = dir.File("plain");
        await File.WriteAllTextAsync(blocker, "a file, not a directory");
        FileWrite[] files =
        [
            new(dir.File("first.conf"), "1\n"),
            new($"{blocker}/second.conf", "2\n"),
            new(dir.File("third.conf"), "3\n"),
        ];

        var ex = await Assert.ThrowsAsync<CommandFailedException>(() => target.WriteFilesAsync(files));
        Assert.Contains($"write {blocker}/second.conf", ex.Message, StringComparison.Ordinal);
        Assert.True(File.Exists(files[0].Path));
        Assert.False(File.Exists(files[2].Path));
    }

    [Fact]
    public async Task Logging_lists_each_file_without_its_content_and_dry_run_records_each()
    {
        using var dir = new TempDir();
        var sink = new ListSink();
        var log = new LoggerConfiguration().MinimumLevel.Debug().WriteTo.Sink(sink).CreateLogger();
        var inner = new CountingTarget();
        ITarget target = new LoggingTarget(inner, log);
        FileWrite[] files = [new(dir.File("x.conf"), "password=hunter2\n", FileSpec.Secret), new(dir.File("y.conf"), "y\n")];

        Assert.Equal([true, true], await target.WriteFilesAsync(files));
        Assert.Equal(1, inner.Commands);
        Assert.Contains(sink.Lines, l => l.Contains(files[0].Path, StringComparison.Ordinal) && l.Contains("changed", StringComparison.Ordinal));
        Assert.Contains(sink.Lines, l => l.Contains(files[1].Path, StringComparison.Ordinal));
        Assert.DoesNotContain(sink.Lines, l => l.Contains("hunter2", StringComparison.Ordinal));

        var recorder = new DryRunRecorder();
        ITarget dry = new DryRunTarget("dry", recorder);
        Assert.Equal([true, true], await dry.WriteFilesAsync(files));
        Assert.Equal(files.Select(f => f.Path), recorder.Snapshot().Where(a => a.Kind == "write").Select(a => a.Path));
    }
}
