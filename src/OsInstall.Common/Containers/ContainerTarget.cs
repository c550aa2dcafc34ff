using System.Security.Cryptography;
using System.Text;
using OsInstall.Common.Shell;
using OsInstall.Common.Targets;

namespace OsInstall.Common.Containers;

/// <summary>
/// A running container as a target: every command (and so every file operation) goes through
/// lxc-attach on its host, so what a provisioning callback writes lands inside the container
/// with the container's own users and groups.
/// </summary>
public sealed class ContainerTarget(ITarget host, string container, LxcCli lxc) : ShellTarget
{
    public override string Name { get; } = container;

    /// <summary>The controller the container runs on.</summary>
    public ITarget Host { get; } = host;

    public override Task<CommandResult> RunAsync(string command, CancellationToken ct = default) =>
        Host.RunAsync(lxc.AttachCommand(Name, command), ct);

    /// <summary>Where <see cref="WriteSecretFileAsync"/> stages content on the host (root only, tmpfs).</summary>
    public const string SecretStagingDir = "/run/osinstall-secrets";

    /// <summary>
    /// Writes a file whose content must appear in no command line, and so in no log: <see
    /// cref="ShellTarget.WriteFileAsync"/> would carry it (base64) in the lxc-attach command the
    /// host logs. The content goes to the host through its own file layer (logged without content)
    /// and reaches the container on lxc-attach's standard input; the staged copy is removed at once.
    /// Check-then-act like every write: returns whether the file changed.
    /// </summary>
    public async Task<bool> WriteSecretFileAsync(string path, string content, FileSpec spec, CancellationToken ct = default)
    {
        var id = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{Name}:{path}")))[..16];
        var staging = $"{SecretStagingDir}/{id}";
        await Host.RunCheckedAsync($"mkdir -p {SecretStagingDir} && chmod 0700 {SecretStagingDir}", ct).ConfigureAwait(false);
        await Host.WriteFileAsync(staging, content, FileSpec.Secret, ct).ConfigureAwait(false);
        var attach = lxc.AttachCommand(Name, SecretWriteCommand(path, spec));
        var result = await Host.RunAsync($"{attach} < {Sh.Quote(staging)}; rc=$?; rm -f {Sh.Quote(staging)}; [ \"$rc\" -eq 0 ]", ct).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new CommandFailedException(Name, $"write {path}", result);
        }
        return result.StdOut.Contains(ShellFileOps.Changed, StringComparison.Ordinal);
    }

    /// <summary>The command inside the container: the new content arrives on standard input.</summary>
    private static string SecretWriteCommand(string path, FileSpec spec)
    {
        var p = Sh.Quote(path);
        var tmp = Sh.Quote(path + ".osinstall-tmp");
        var dir = Sh.Quote(path.LastIndexOf('/') <= 0 ? "/" : path[..path.LastIndexOf('/')]);
        var wantMode = Sh.Quote(spec.Mode.TrimStart('0').PadLeft(3, '0'));
        return $"mkdir -p {dir} && (umask 077 && cat > {tmp}) && " +
               $"if [ -f {p} ] && cmp -s {tmp} {p} && [ \"$(stat -c %a {p})\" = {wantMode} ]; then rm -f {tmp}; echo {ShellFileOps.Unchanged}; " +
               $"else chmod {Sh.Quote(spec.Mode)} {tmp} && chown {Sh.Quote($"{spec.Owner}:{spec.Group}")} {tmp} && mv -f {tmp} {p} && echo {ShellFileOps.Changed}; fi";
    }
}
