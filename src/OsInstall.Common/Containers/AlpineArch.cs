namespace OsInstall.Common.Containers;

/// <summary>config.lxc.arch speaks LXC/Debian names; apk speaks Alpine's.</summary>
public static class AlpineArch
{
    public static string FromLxc(string arch) => arch switch
    {
        "amd64" or "x86_64" => "x86_64",
        "arm64" or "aarch64" => "aarch64",
        "i386" or "x86" => "x86",
        "armhf" => "armhf",
        "armv7" => "armv7",
        "ppc64el" or "ppc64le" => "ppc64le",
        "s390x" => "s390x",
        "riscv64" => "riscv64",
        _ => throw new ArgumentException($"no Alpine architecture for lxc.arch '{arch}'", nameof(arch)),
    };
}
