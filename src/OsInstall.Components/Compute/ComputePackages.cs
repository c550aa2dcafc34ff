namespace OsInstall.Components.Compute;

/// <summary>apk packages of a compute node (the original's lists without what only pip needed: no pip runs on a node).</summary>
internal static class ComputePackages
{
    /// <summary>KVM/QEMU, libvirt, the Ceph client, and what the unpacked services run with.</summary>
    public static readonly IReadOnlyList<string> Runtime =
    [
        "python3", "py3-libvirt", "py3-numpy", "py3-psycopg2", "py3-pymysql", "py3-rbd", "py3-rados",
        "libvirt-daemon", "qemu-img", "qemu-system-x86_64", "qemu-modules", "dbus", "polkit",
        "ceph-common", "open-iscsi", "sudo", "haproxy", "iproute2", "curl", "logrotate",
    ];

    /// <summary>What building QEMU with rbd needs (the original's list, with python3 for meson).</summary>
    public static readonly IReadOnlyList<string> QemuBuild =
        ["alpine-sdk", "ceph-dev", "samurai", "gcompat", "glib-dev", "pixman-dev", "perl", "python3"];
}
