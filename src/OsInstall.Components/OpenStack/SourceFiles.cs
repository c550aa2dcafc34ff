using OsInstall.Common.Shell;

namespace OsInstall.Components.OpenStack;

/// <summary>
/// Files a service ships in its source tree's etc/ (paste pipelines, rootwrap filters) that it
/// expects beside its config: copied from the clone into the container, only when different.
/// </summary>
public static class SourceFiles
{
    /// <summary>The file's path in the service's git clone (relative to the repository root).</summary>
    public static string InClone(OpenStackService service, string relative) => $"{service.SourceDir}/{relative}";

    /// <summary>Copies <paramref name="relative"/> of the clone to <paramref name="destination"/> (root:&lt;group&gt;, <paramref name="mode"/>) unless it is already the same.</summary>
    public static string CopyCommand(OpenStackService service, string relative, string destination, string mode = "0640")
    {
        var source = InClone(service, relative);
        return $"{Sh.Join("cmp", "-s", source, destination)} || " +
               Sh.Join("install", "-D", "-m", mode, "-o", "root", "-g", service.Group, source, destination);
    }
}
