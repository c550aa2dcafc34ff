namespace OsInstall.Tests.Containers;

/// <summary>A fact that runs Debian's real LXC: needs root, lxc and busybox-static (tests/packages.d/containers.txt).</summary>
public sealed class LxcFactAttribute : FactAttribute
{
    public LxcFactAttribute()
    {
        if (Environment.UserName != "root")
        {
            Skip = "needs root: privileged LXC containers";
        }
        else if (!File.Exists("/usr/bin/lxc-start") || !File.Exists("/bin/busybox"))
        {
            Skip = "needs lxc and busybox-static (tests/packages.d/containers.txt)";
        }
    }
}
