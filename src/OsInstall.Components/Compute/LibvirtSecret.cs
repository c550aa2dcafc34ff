using OsInstall.Common.Alpine;
using OsInstall.Common.Engine;
using OsInstall.Common.Shell;
using OsInstall.Common.Targets;

namespace OsInstall.Components.Compute;

/// <summary>
/// libvirt's secret for the Ceph cinder client (what nova attaches RBD volumes with): defined from
/// secret.xml, its value set from a 0600 file holding the key (never on a command line) and only
/// when it differs; the file is removed afterwards.
/// </summary>
internal static class LibvirtSecret
{
    public const string KeySecret = "ceph_cinder_key";

    public static string RenderXml(ComponentContext ctx) => ctx.Render(ComputeTemplates.SecretXml);

    public static async Task InstallAsync(StepContext s)
    {
        // dbus then libvirtd, each enabled then started if stopped: one command, the first failure stops it.
        await s.Run(Sh.AllOf(new[] { "dbus", "libvirtd" }.SelectMany(n => new[] { new OpenRcService(n).Enable, new OpenRcService(n).StartIfStopped })));
        var uuid = s.Config.Ceph.CinderSecretUuid;
        await s.Write(ComputePaths.SecretXml, RenderXml(s.Component));
        await s.Run($"virsh secret-list | grep -qi {Sh.Quote(uuid)} || {Sh.Join("virsh", "secret-define", "--file", ComputePaths.SecretXml)}");
        var keyFile = Sh.Quote(ComputePaths.SecretKeyFile);
        // Written only once the secret is defined: the key never lies on disk longer than the next command.
        await s.Write(ComputePaths.SecretKeyFile, s.Secrets.Get(KeySecret), FileSpec.Secret);
        // The comparison happens on the node: neither value reaches a command line or the output.
        await s.Run(
            $"{{ [ \"$(virsh secret-get-value {Sh.Quote(uuid)} 2>/dev/null)\" = \"$(cat {keyFile})\" ] || " +
            $"{Sh.Join("virsh", "secret-set-value", "--secret", uuid, "--file", ComputePaths.SecretKeyFile)} >/dev/null; }}; " +
            $"rc=$?; rm -f {keyFile}; exit $rc");
    }

    public static async Task RemoveAsync(StepContext s)
    {
        var uuid = s.Config.Ceph.CinderSecretUuid;
        await s.Run($"if rc-service libvirtd status >/dev/null 2>&1 && virsh secret-list | grep -qi {Sh.Quote(uuid)}; then {Sh.Join("virsh", "secret-undefine", uuid)}; fi");
        await s.Run(Sh.Join("rm", "-f", ComputePaths.SecretXml, ComputePaths.SecretKeyFile));
    }
}
