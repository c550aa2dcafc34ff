using OsInstall.Common.Alpine;
using OsInstall.Common.Config;
using OsInstall.Common.Engine;
using OsInstall.Common.Shell;
using OsInstall.Common.Targets;

namespace OsInstall.Components.Prepare;

/// <summary>
/// python-openstackclient and osc-placement at the configured versions: built once on controller-1,
/// then copied as a tarball to the other controllers, as the original does.
/// <para>
/// A virtualenv rather than pip --break-system-packages: Alpine marks its python externally managed
/// (PEP 668) because pip writing into /usr/lib/python3.x would clobber apk-owned packages. The venv
/// keeps the client in one directory of its own, which is also exactly what the tarball carries and
/// what uninstall removes. It unpacks at the same path on the others, whose python3 is the same apk
/// build (same repositories, same upgrade), so the venv works there unchanged.
/// </para>
/// <para>
/// The tarball travels controller-1 → controller-N by scp with the key distributed earlier, not
/// through osinstall: the target layer's file calls are text, and a tens-of-megabytes binary does
/// not belong in a command line or in osinstall's memory.
/// </para>
/// </summary>
internal static class OpenStackClient
{
    private const string Tarball = PreparePaths.ClientTarball;

    /// <summary>Written into the venv after pip succeeded: the versions the venv holds, carried along by the tarball.</summary>
    public static string Stamp(ClusterConfig config) =>
        $"python-openstackclient=={config.Versions.OpenstackClient}\nosc-placement=={config.Versions.OscPlacement}\n";

    public static async Task BuildOnFirstAsync(StepContext step)
    {
        var stamp = Stamp(step.Config);
        var installed = await step.Target.ReadFileAsync(PreparePaths.ClientStamp, step.Cancellation) == stamp;
        if (installed && await step.Target.ExistsAsync(Tarball, step.Cancellation))
        {
            step.Component.Log.Information("[{Host}] openstack client already at {Versions}", step.Target.Name, stamp.Replace('\n', ' ').Trim());
            await step.Run(LinkCommand);
            return;
        }
        if (!installed)
        {
            var venv = Sh.Quote(PreparePaths.ClientVenv);
            await step.Run(Apk.Add(PreparePackages.ClientBuild));
            await step.Run($"mkdir -p {venv} && {{ [ -x {Sh.Quote(PreparePaths.ClientVenv + "/bin/python3")} ] || python3 -m venv {venv}; }}");
            // Put the venv first on PATH (what "activate" does) so that its pip installs into it.
            await step.Run(
                $"VIRTUAL_ENV={venv} PATH={Sh.Quote(PreparePaths.ClientVenv + "/bin")}:\"$PATH\" " +
                Sh.Join("pip", "install", "--no-cache-dir",
                    $"python-openstackclient=={step.Config.Versions.OpenstackClient}",
                    $"osc-placement=={step.Config.Versions.OscPlacement}"));
            await step.Write(PreparePaths.ClientStamp, stamp);
        }
        var tmp = Tarball + ".tmp";
        await step.Run($"{Sh.Join("tar", "-C", "/", "-czf", tmp, PreparePaths.ClientVenv.TrimStart('/'))} && {Sh.Join("mv", "-f", tmp, Tarball)}");
        await step.Run(LinkCommand);
    }

    public static async Task CopyToOtherAsync(StepContext step)
    {
        var stamp = Stamp(step.Config);
        if (await step.Target.ReadFileAsync(PreparePaths.ClientStamp, step.Cancellation) == stamp)
        {
            step.Component.Log.Information("[{Host}] openstack client already at {Versions}", step.Target.Name, stamp.Replace('\n', ' ').Trim());
            await step.Run(LinkCommand);
            return;
        }
        await step.Run(Apk.Add(PreparePackages.ClientRuntime));

        var config = step.Config;
        var peer = ControllerSet.Entry(config, step.Target.Name);
        var first = await step.Component.TargetAsync(ControllerSet.First(config), step.Cancellation);
        // Controllers meet here for the first time over SSH: BatchMode never prompts, accept-new records
        // the peer's key on first contact and refuses a changed one later.
        await first.RunCheckedAsync(Sh.Join("scp", "-q",
            "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=accept-new",
            "-i", ControllerSet.FirstControllerKey(config),
            "-P", ControllerSet.SshPort(config, peer).ToString(System.Globalization.CultureInfo.InvariantCulture),
            Tarball, $"{config.Ssh.User}@{peer.Address}:{Tarball}"), step.Cancellation);

        // An older version's files must not linger among the new ones.
        await step.Run($"{Sh.Join("rm", "-rf", PreparePaths.ClientVenv)} && {Sh.Join("tar", "-C", "/", "-xzf", Tarball)} && {Sh.Join("rm", "-f", Tarball)}");
        await step.Run(LinkCommand);
    }

    public static async Task UninstallAsync(StepContext step)
    {
        var link = Sh.Quote(PreparePaths.ClientLink);
        // Only our link: an openstack binary from elsewhere is not ours to remove.
        await step.Run($"if [ \"$(readlink {link})\" = {Sh.Quote(LinkTarget)} ]; then rm -f {link}; fi");
        await step.Run(Sh.Join("rm", "-rf", PreparePaths.ClientVenv, Tarball, Tarball + ".tmp"));
        var packages = ControllerSet.IsFirst(step.Config, step.Target.Name) ? PreparePackages.ClientBuild : PreparePackages.ClientRuntime;
        await step.Run(Apk.Del(packages));
    }

    private const string LinkTarget = PreparePaths.ClientVenv + "/bin/openstack";

    /// <summary>/usr/bin, not /usr/local/bin: sshd's default PATH for a non-login command has no /usr/local.</summary>
    private static string LinkCommand =>
        $"[ \"$(readlink {Sh.Quote(PreparePaths.ClientLink)})\" = {Sh.Quote(LinkTarget)} ] || {Sh.Join("ln", "-sfn", LinkTarget, PreparePaths.ClientLink)}";
}
