using OsInstall.Common.Engine;
using OsInstall.Common.Shell;
using OsInstall.Common.Targets;
using OsInstall.Components.OpenStack;
using OsInstall.Components.Prepare;

namespace OsInstall.Components.Glance;

/// <summary>
/// A service's own Ceph client inside its containers (glance's image store, cinder's volume
/// backend), as the original writes it: the cluster's ceph.conf (prepare's template, the same file
/// the controllers have) and the client's keyring /etc/ceph/ceph.client.&lt;client&gt;.keyring with
/// the key from the secrets file, readable by root and the service's group only (0640).
/// </summary>
/// <param name="Client">The cephx client name (ceph.glance_client, ceph.cinder_client).</param>
/// <param name="KeySecret">Secret holding the client's key (ceph_glance_key, ceph_cinder_key).</param>
public sealed record CephServiceClient(string Client, string KeySecret)
{
    public const string KeyringTemplate = "Glance/templates/ceph.client.keyring.sbn";

    public string KeyringPath => $"/etc/ceph/ceph.client.{Client}.keyring";

    public static FileSpec KeyringSpec(OpenStackService service) => new("0640", "root", service.Group);

    public string RenderKeyring(ComponentContext ctx) =>
        ctx.Render(KeyringTemplate, new { Client, Key = ctx.Secrets.Get(KeySecret) });

    /// <summary>ceph.conf and the keyring, as the config phase writes them into every member.</summary>
    public IEnumerable<ServiceFile> Files(ComponentContext ctx, OpenStackService service)
    {
        yield return new ServiceFile(ctx.Config.Ceph.ConfPath, CephClient.RenderConf(ctx), FileSpec.Default);
        yield return new ServiceFile(KeyringPath, RenderKeyring(ctx), KeyringSpec(service));
    }

    /// <summary>
    /// Makes the distribution's librados/librbd bindings (apk py3-rados, py3-rbd; not on PyPI)
    /// importable from the service's venv: a symlink to each module in the venv's site-packages,
    /// made only when missing or pointing elsewhere.
    /// </summary>
    public static string LinkBindingsCommand(OpenStackService service) =>
        $"venv=$({Sh.Join(service.Python, "-c", "import sysconfig; print(sysconfig.get_path('platlib'))")}) || exit 1; " +
        "for m in rados rbd; do " +
        "f=$(python3 -c \"import $m; print($m.__file__)\") || exit 1; " +
        "l=\"$venv/${f##*/}\"; " +
        "[ \"$(readlink \"$l\")\" = \"$f\" ] || ln -sfn \"$f\" \"$l\" || exit 1; " +
        "done";
}
