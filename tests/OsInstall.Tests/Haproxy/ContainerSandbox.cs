using OsInstall.Common.Shell;
using OsInstall.Common.Targets;
using OsInstall.Components.Haproxy;
using OsInstall.Tests.TestSupport;

namespace OsInstall.Tests.Haproxy;

/// <summary>
/// This machine standing in for the controllers and their haproxy containers. Every host is a local
/// shell whose PATH starts with two stand-ins: lxc-attach runs the container's command for real in
/// a mount namespace where /etc/haproxy and /run/haproxy are that container's own directories (so the
/// write, Debian's real haproxy -c, the move and the staleness check all run as in the container),
/// and rc-service records what OpenRC was asked in that container and keeps its started state (a
/// start or reload touches the loaded marker, as our init script does).
/// </summary>
internal sealed class ContainerSandbox : ITargetProvider
{
    private readonly TempDir dir = new("osinstall-haproxy-sandbox");

    public ContainerSandbox()
    {
        Directory.CreateDirectory(Bin);
        Directory.CreateDirectory(HaproxySettings.ConfDirectory);
        Directory.CreateDirectory(HaproxySettings.RunDirectory);
        Script("lxc-attach", $$"""
            #!/bin/sh
            n=
            while [ $# -gt 0 ]; do case $1 in -n) n=$2; shift 2 ;; --) shift; break ;; *) shift ;; esac; done
            c={{Sh.Quote(dir.Path)}}/containers/$n
            mkdir -p "$c/etc-haproxy" "$c/run-haproxy"
            echo "$*" >> "$c/attach.log"
            CONTAINER_DIR=$c; export CONTAINER_DIR
            exec unshare -m sh -c 'mount --bind "$1/etc-haproxy" {{HaproxySettings.ConfDirectory}} && mount --bind "$1/run-haproxy" {{HaproxySettings.RunDirectory}} && shift && exec "$@"' sh "$c" "$@"
            """);
        Script("rc-service", $$"""
            #!/bin/sh
            only=
            while :; do case $1 in --ifstarted) only=started; shift ;; --ifnotstarted) only=stopped; shift ;; *) break ;; esac; done
            state=$CONTAINER_DIR/$1.started
            if [ -f "$state" ]; then now=started; else now=stopped; fi
            [ -z "$only" ] || [ "$only" = "$now" ] || exit 0
            echo "$1 $2" >> "$CONTAINER_DIR/rc.log"
            case $2 in
              start|restart|reload) : > "$state"; touch {{HaproxySettings.LoadedMarker}} ;;
              stop) rm -f "$state" ;;
            esac
            """);
    }

    private string Bin => dir.File("bin");

    public string Container(string name) => dir.File(Path.Combine("containers", name));

    /// <summary>A container as haproxy's install leaves it: haproxy started with <paramref name="conf"/> loaded.</summary>
    public void Prepare(string name, string conf)
    {
        var c = Container(name);
        Directory.CreateDirectory(Path.Combine(c, "etc-haproxy"));
        Directory.CreateDirectory(Path.Combine(c, "run-haproxy"));
        File.WriteAllText(Path.Combine(c, "etc-haproxy", "haproxy.cfg"), conf);
        File.WriteAllText(Path.Combine(c, "haproxy.started"), "");
        File.WriteAllText(Path.Combine(c, "run-haproxy", Path.GetFileName(HaproxySettings.LoadedMarker)), "");
        File.Delete(Path.Combine(c, "rc.log"));
        File.Delete(Path.Combine(c, "attach.log"));
    }

    public string LiveConf(string name) => File.ReadAllText(Path.Combine(Container(name), "etc-haproxy", "haproxy.cfg"));

    public DateTime LiveConfWritten(string name) => File.GetLastWriteTimeUtc(Path.Combine(Container(name), "etc-haproxy", "haproxy.cfg"));

    /// <summary>What OpenRC did in the container ("haproxy reload", ...).</summary>
    public IReadOnlyList<string> Rc(string name) => Lines(Path.Combine(Container(name), "rc.log"));

    /// <summary>Every command run in the container.</summary>
    public IReadOnlyList<string> Attached(string name) => Lines(Path.Combine(Container(name), "attach.log"));

    public Task<ITarget> GetAsync(string host, CancellationToken ct = default) =>
        Task.FromResult<ITarget>(new PathTarget(new LocalTarget(host, TimeSpan.FromSeconds(60)), Bin));

    public Task WaitUntilReachableAsync(string host, TimeSpan timeout, CancellationToken ct = default) => Task.CompletedTask;

    public ValueTask DisposeAsync()
    {
        dir.Dispose();
        return ValueTask.CompletedTask;
    }

    private static List<string> Lines(string path) => File.Exists(path) ? [.. File.ReadAllLines(path)] : [];

    private void Script(string name, string text)
    {
        var path = Path.Combine(Bin, name);
        File.WriteAllText(path, text.ReplaceLineEndings("\n") + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    /// <summary>A local host whose commands find the stand-ins first.</summary>
    private sealed class PathTarget(LocalTarget inner, string bin) : ShellTarget
    {
        public override string Name => inner.Name;

        public override Task<CommandResult> RunAsync(string command, CancellationToken ct = default) =>
            inner.RunAsync($"PATH={Sh.Quote(bin)}:$PATH; export PATH; {command}", ct);
    }
}
