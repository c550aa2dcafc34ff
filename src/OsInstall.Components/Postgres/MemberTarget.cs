using OsInstall.Common.Containers;
using OsInstall.Common.Shell;
using OsInstall.Common.Targets;

namespace OsInstall.Components.Postgres;

/// <summary>
/// A postgres member as a target, reached through its host. Unlike <see cref="ContainerTarget"/>,
/// file contents and SQL never travel on a command line (where the host's log would record them,
/// base64 or not): they are written on the host as a 0600 file, fed to the command inside the
/// member on stdin, and the file is removed in the same command. The .pgpass file, the SQL that
/// sets passwords and keepalived.conf (its VRRP password) hold secrets.
/// </summary>
public sealed class MemberTarget : ITarget
{
    private readonly Func<string, string> wrap;

    /// <param name="host">The host the member runs on (a controller; the test machine in tests).</param>
    /// <param name="name">The member's name (its container).</param>
    /// <param name="wrap">Turns a command to run inside the member into the host's command (lxc-attach for a container).</param>
    public MemberTarget(ITarget host, string name, Func<string, string> wrap)
    {
        Host = host;
        Name = name;
        this.wrap = wrap;
    }

    public string Name { get; }

    public ITarget Host { get; }

    /// <summary>The member as the container <paramref name="container"/> on <paramref name="host"/>.</summary>
    public static MemberTarget InContainer(ITarget host, string container, LxcCli lxc) =>
        new(host, container, c => lxc.AttachCommand(container, c));

    public Task<CommandResult> RunAsync(string command, CancellationToken ct = default) => Host.RunAsync(wrap(command), ct);

    /// <summary>Runs <paramref name="command"/> inside the member with <paramref name="input"/> on its standard input.</summary>
    public async Task<CommandResult> RunWithInputAsync(string command, string input, CancellationToken ct = default)
    {
        var file = $"/tmp/osinstall-input-{Guid.NewGuid():N}";
        await Host.WriteFileAsync(file, input, FileSpec.Secret, ct).ConfigureAwait(false);
        var q = Sh.Quote(file);
        return await Host.RunAsync($"{wrap(command)} < {q}; rc=$?; rm -f {q}; exit $rc", ct).ConfigureAwait(false);
    }

    public async Task<CommandResult> RunCheckedWithInputAsync(string command, string input, string what, CancellationToken ct = default)
    {
        var result = await RunWithInputAsync(command, input, ct).ConfigureAwait(false);
        return result.Succeeded ? result : throw new CommandFailedException(Name, what, result);
    }

    public async Task<bool> WriteFileAsync(string path, string content, FileSpec spec, CancellationToken ct = default)
    {
        var result = await RunCheckedWithInputAsync(InstallFromStdin(path, spec), content, $"write {path}", ct).ConfigureAwait(false);
        return result.StdOut.Contains(ShellFileOps.Changed, StringComparison.Ordinal);
    }

    public async Task<string?> ReadFileAsync(string path, CancellationToken ct = default)
    {
        var result = await RunAsync(ShellFileOps.ReadCommand(path), ct).ConfigureAwait(false);
        return result.Succeeded ? ShellFileOps.ParseRead(result) : throw new CommandFailedException(Name, $"read {path}", result);
    }

    public async Task<bool> ExistsAsync(string path, CancellationToken ct = default) =>
        (await RunAsync(ShellFileOps.ExistsCommand(path), ct).ConfigureAwait(false)).Succeeded;

    /// <summary>
    /// Installs stdin at <paramref name="path"/> only when content, mode or owner differ (the temp file is
    /// private from its first byte); prints <see cref="ShellFileOps.Changed"/> or <see cref="ShellFileOps.Unchanged"/>.
    /// </summary>
    internal static string InstallFromStdin(string path, FileSpec spec)
    {
        var p = Sh.Quote(path);
        var tmp = Sh.Quote(path + ".osinstall-tmp");
        var dir = Sh.Quote(path[..Math.Max(1, path.LastIndexOf('/'))]);
        var owner = Sh.Quote($"{spec.Owner}:{spec.Group}");
        var mode = Sh.Quote(spec.Mode);
        var wantMode = Sh.Quote(spec.Mode.TrimStart('0').PadLeft(3, '0'));
        return $"mkdir -p {dir} && (umask 077 && cat > {tmp}) && chmod {mode} {tmp} && chown {owner} {tmp} && " +
               $"if [ -f {p} ] && cmp -s {tmp} {p} && [ \"$(stat -c %a {p})\" = {wantMode} ] && [ \"$(stat -c %U:%G {p})\" = {owner} ]; " +
               $"then rm -f {tmp}; echo {ShellFileOps.Unchanged}; else mv -f {tmp} {p} && echo {ShellFileOps.Changed}; fi";
    }
}
