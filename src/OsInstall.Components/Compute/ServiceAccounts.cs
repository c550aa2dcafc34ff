using OsInstall.Common.Engine;
using OsInstall.Common.Shell;

namespace OsInstall.Components.Compute;

/// <summary>The system users of the node's services and their directories (as the original creates them).</summary>
internal static class ServiceAccounts
{
    /// <summary>Every group, user and directory of the node's services: one command (one round trip).</summary>
    public static Task EnsureAsync(StepContext s) => s.Run(Sh.AllOf(EnsureCommands()));

    private static IEnumerable<string> EnsureCommands()
    {
        // qemu and the libvirt/kvm groups come with Alpine's packages; made here only if a package did not.
        foreach (var group in new[] { "libvirt", "kvm", "qemu" })
        {
            yield return EnsureGroup(group);
        }
        yield return EnsureUser("qemu", "/var/lib/qemu");
        foreach (var project in NodeService.Projects)
        {
            yield return EnsureGroup(project);
            yield return EnsureUser(project, $"/var/lib/{project}");
            yield return Directories(project, $"/var/log/{project}", $"/var/lib/{project}", $"/var/lib/{project}/tmp", $"/etc/{project}");
        }
        yield return Directories("nova", "/var/lib/nova/instances");
        foreach (var group in new[] { "libvirt", "kvm" })
        {
            yield return $"id -nG nova | grep -qw {Sh.Quote(group)} || {Sh.Join("addgroup", "nova", group)}";
        }
        yield return Directories("qemu", ComputePaths.QemuRunDir, ComputePaths.QemuLogDir);
    }

    public static async Task RemoveAsync(StepContext s)
    {
        foreach (var project in NodeService.Projects)
        {
            await s.Run($"if id -u {Sh.Quote(project)} >/dev/null 2>&1; then {Sh.Join("deluser", project)}; fi");
            await s.Run($"if grep -q {Sh.Quote($"^{project}:")} /etc/group; then {Sh.Join("delgroup", project)}; fi");
            await s.Run(Sh.Join("rm", "-rf", $"/var/log/{project}", $"/var/lib/{project}", $"/etc/{project}"));
        }
    }

    /// <summary>Directories owned by the account, 0750 (mkdir/chown/chmod: every busybox has them).</summary>
    private static string Directories(string owner, params string[] dirs) =>
        $"{Sh.Join(["mkdir", "-p", .. dirs])} && {Sh.Join(["chown", $"{owner}:{owner}", .. dirs])} && {Sh.Join(["chmod", "0750", .. dirs])}";

    private static string EnsureGroup(string group) =>
        $"grep -q {Sh.Quote($"^{group}:")} /etc/group || {Sh.Join("addgroup", "-S", group)}";

    private static string EnsureUser(string user, string home) =>
        $"id -u {Sh.Quote(user)} >/dev/null 2>&1 || {Sh.Join("adduser", "-S", "-D", "-H", "-h", home, "-s", "/sbin/nologin", "-G", user, user)}";
}
