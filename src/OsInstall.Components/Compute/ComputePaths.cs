namespace OsInstall.Components.Compute;

/// <summary>Where the compute component puts things on controller-1 and on the nodes.</summary>
internal static class ComputePaths
{
    /// <summary>On controller-1: the tarballs and the package listing each was built from; on a node: what it unpacked.</summary>
    public const string StateDir = "/var/lib/osinstall/compute";

    public static string Tarball(string service) => $"{StateDir}/{service}.tar.gz";

    /// <summary>controller-1: the container's package listing the tarball holds.</summary>
    public static string Packages(string service) => $"{StateDir}/{service}.packages";

    /// <summary>A node: the listing of the tarball it unpacked last.</summary>
    public static string Unpacked(string service) => $"{StateDir}/{service}.unpacked";

    public const string QemuSource = "/root/qemu";
    public const string QemuScript = "/root/osinstall-build-qemu.sh";
    public const string QemuStamp = StateDir + "/qemu.installed";

    public const string InitDir = "/etc/init.d";
    public const string SudoersDir = "/etc/sudoers.d";
    public const string LogrotateDir = "/etc/logrotate.d";
    public const string ResolvConf = "/etc/resolv.conf";

    /// <summary>The libvirt secret's definition and the key file it is set from (0600, removed after use).</summary>
    public const string SecretXml = "/etc/libvirt/osinstall-ceph-cinder-secret.xml";
    public const string SecretKeyFile = "/root/.osinstall-ceph-cinder.key";

    public const string QemuRunDir = "/var/run/ceph/guests";
    public const string QemuLogDir = "/var/log/qemu";
}
