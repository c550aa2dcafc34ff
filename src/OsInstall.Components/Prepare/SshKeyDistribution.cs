using OsInstall.Common.Engine;
using OsInstall.Common.Shell;
using OsInstall.Common.Targets;

namespace OsInstall.Components.Prepare;

/// <summary>
/// controller-1's public key in root's authorized_keys on the other controllers, so that the
/// controllers can copy files among themselves (the openstack client tarball) and operators can hop.
/// Uninstall leaves the key: it may be the very key osinstall logs in with.
/// </summary>
internal static class SshKeyDistribution
{
    /// <summary>Shown in a dry run, where controller-1's key cannot be read.</summary>
    public const string DryRunKeyPlaceholder = "ssh-rsa DRY-RUN-PLACEHOLDER controller-1";

    /// <summary>The original asks whether to generate a key; we generate one only when there is none.</summary>
    public static async Task EnsureKeyPairAsync(StepContext step)
    {
        var key = ControllerSet.FirstControllerKey(step.Config);
        var dir = Path.GetDirectoryName(key) ?? PreparePaths.RootSshDir;
        // Only a directory we create gets 0700; an existing one (config.ssh.key_file may live anywhere) keeps its mode.
        await step.Run($"[ -d {Sh.Quote(dir)} ] || {{ {Sh.Join("mkdir", "-p", dir)} && {Sh.Join("chmod", "700", dir)}; }}");
        await step.Run($"[ -f {Sh.Quote(key)} ] || {Sh.Join("ssh-keygen", "-q", "-t", "rsa", "-b", "4096", "-N", "", "-f", key)}");
        await step.Run($"[ -f {Sh.Quote(key + ".pub")} ] || {Sh.Join("ssh-keygen", "-y", "-f", key)} > {Sh.Quote(key + ".pub")}");
    }

    public static async Task AuthorizeAsync(StepContext step)
    {
        var publicKey = await ReadFirstControllerKeyAsync(step);
        var file = Sh.Quote(PreparePaths.AuthorizedKeys);
        await step.Run(
            $"{Sh.Join("mkdir", "-p", PreparePaths.RootSshDir)} && {Sh.Join("chmod", "700", PreparePaths.RootSshDir)} && " +
            $"touch {file} && chmod 600 {file} && {LineFile.AppendIfMissingCommand(PreparePaths.AuthorizedKeys, publicKey)}");
    }

    private static async Task<string> ReadFirstControllerKeyAsync(StepContext step)
    {
        var first = await step.Component.TargetAsync(ControllerSet.First(step.Config), step.Cancellation);
        var path = ControllerSet.FirstControllerKey(step.Config) + ".pub";
        var content = await first.ReadFileAsync(path, step.Cancellation);
        var line = content?.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        if (line is not null)
        {
            return line;
        }
        if (step.Component.DryRun)
        {
            return DryRunKeyPlaceholder;
        }
        throw new InvalidOperationException($"{first.Name} has no public key at {path}");
    }
}
