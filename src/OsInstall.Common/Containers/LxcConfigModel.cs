using OsInstall.Common.Templates;

namespace OsInstall.Common.Containers;

/// <summary>
/// The values of Containers/templates/lxc.conf.sbn. Network null renders a loopback-only
/// container (what the real-LXC test starts on this machine, where there is no OVS bridge).
/// </summary>
public sealed record LxcConfigModel
{
    public required string Name { get; init; }

    /// <summary>"rbd:/dev/rbd/pool/name" in production (mapped by the prepare component's pre-start hook), "dir:/path" for a directory rootfs.</summary>
    public required string RootfsPath { get; init; }

    public LxcNetworkModel? Network { get; init; }

    public bool Autostart { get; init; } = true;

    /// <summary>Alpine hosts have no AppArmor; Debian's LXC confines containers unless told otherwise.</summary>
    public string ApparmorProfile { get; init; } = "unconfined";

    public int PtyMax { get; init; } = 16;

    /// <summary>Alpine's busybox init halts on SIGUSR1 (and ignores LXC's default SIGPWR); systemd on SIGRTMIN+3.</summary>
    public string HaltSignal { get; init; } = "SIGUSR1";

    public string Render(TemplateRenderer templates) =>
        templates.Render(ContainerTemplates.LxcConfig, new Dictionary<string, object?>(StringComparer.Ordinal) { ["m"] = this });

    public static string RbdRootfs(RbdCli rbd, string container) => $"rbd:{rbd.DevicePath(container)}";

    public static string DirectoryRootfs(string directory) => $"dir:{directory}";
}
