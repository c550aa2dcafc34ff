namespace OsInstall.Components.Prepare;

/// <summary>The apk packages of alpine-pre-install.sh, grouped as the original installs (and removes) them.</summary>
internal static class PreparePackages
{
    /// <summary>Every controller's tools; rsyslog/logrotate belong to the rsyslog component and bind to bind.</summary>
    public static readonly IReadOnlyList<string> Base = ["gettext", "man-db", "mlocate", "e2fsprogs-extra", "bash", "linux-tools"];

    /// <summary>What the original's post-uninstall takes away again: bash stays, later scripts and operators rely on it.</summary>
    public static readonly IReadOnlyList<string> BaseRemoved = ["gettext", "man-db", "mlocate"];

    public static readonly IReadOnlyList<string> LxcAndCeph =
        ["lxc", "lxc-templates", "lxc-download", "xz", "eudev", "ethtool", "lxc-bridge", "bridge", "jq", "ceph-common"];

    /// <summary>The original also drops libcap-ng, which lxc pulled in.</summary>
    public static readonly IReadOnlyList<string> LxcAndCephRemoved = [.. LxcAndCeph, "libcap-ng"];

    /// <summary>controller-1 builds the client: compilers and headers for the wheels pip may have to build.</summary>
    public static readonly IReadOnlyList<string> ClientBuild =
        ["alpine-sdk", "python3", "python3-dev", "libffi-dev", "openssl-dev", "rust", "cargo", "qemu-img", "curl"];

    /// <summary>The other controllers only run the unpacked client.</summary>
    public static readonly IReadOnlyList<string> ClientRuntime = ["python3", "libffi", "openssl", "qemu-img", "curl"];
}
