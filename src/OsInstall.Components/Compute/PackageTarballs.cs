using System.Globalization;
using OsInstall.Common.Containers;
using OsInstall.Common.Engine;
using OsInstall.Common.Shell;
using OsInstall.Common.Targets;
using OsInstall.Components.Prepare;

namespace OsInstall.Components.Compute;

/// <summary>
/// The python packages of nova, neutron and cinder, tarballed once on controller-1 from the first
/// container of each set (as the original tars them in nova-1, neutron-1, cinder-1), then fetched
/// by every node.
/// <para>
/// When to rebuild: the listing of the container's site-packages directory (one entry per
/// installed distribution, "nova-31.0.0.dist-info" and the like) is the package set. It is kept
/// beside the tarball; the tarball is rebuilt only when it is missing or the container's listing
/// differs. A node keeps the listing of what it unpacked and fetches again only when controller-1's
/// differs.
/// </para>
/// <para>
/// The tar stream leaves the container on lxc-attach's standard output into a file on
/// controller-1 and is compressed there, and controller-1 copies it to the node by scp (as
/// Prepare's openstack client tarball): the tens of megabytes never pass through osinstall.
/// </para>
/// </summary>
internal static class PackageTarballs
{
    public static string PackScript(ComponentContext ctx, string project, string mode) =>
        ctx.Render(ComputeTemplates.PackScript, new { Service = project, Mode = mode });

    public static async Task BuildOnFirstAsync(StepContext step)
    {
        var lxc = ContainerPlatforms.For(step.Component).Lxc;
        await step.Run(Sh.Join("mkdir", "-p", ComputePaths.StateDir));
        foreach (var project in NodeService.Projects)
        {
            var member = ContainerSet.Members(step.Config, project)[0];
            var container = new ContainerTarget(step.Target, member.Container, lxc);
            var listing = (await container.RunCheckedAsync(PackScript(step.Component, project, "list"), step.Cancellation)).StdOut;
            var built = await step.Target.ReadFileAsync(ComputePaths.Packages(project), step.Cancellation);
            if (built == listing && await step.Target.ExistsAsync(ComputePaths.Tarball(project), step.Cancellation))
            {
                step.Component.Log.Information("[{Host}] {Project} tarball is up to date with {Container}", step.Target.Name, project, member.Container);
                continue;
            }
            var raw = ComputePaths.StateDir + $"/{project}.tar";
            await step.Run(
                $"{lxc.AttachCommand(member.Container, PackScript(step.Component, project, "tar"))} > {Sh.Quote(raw)} && " +
                $"{Sh.Join("gzip", "-f", raw)} && {Sh.Join("mv", "-f", raw + ".gz", ComputePaths.Tarball(project))}");
            await step.Write(ComputePaths.Packages(project), listing);
        }
    }

    /// <summary>
    /// On a node: fetches and unpacks each tarball whose listing differs from what the node unpacked
    /// last. The tarballs it needs come in one scp (one SSH connection from controller-1, not one per
    /// tarball); they are then unpacked in one command and their listings recorded in one batch.
    /// </summary>
    public static async Task FetchAsync(StepContext step)
    {
        var config = step.Config;
        var node = config.ComputeNodes.First(n => n.Name == step.Target.Name);
        var first = await step.Component.TargetAsync(config.FirstController.Name, step.Cancellation);
        await step.Run(Sh.Join("mkdir", "-p", ComputePaths.StateDir));
        var needed = new List<(string Project, string? Listing)>();
        foreach (var project in NodeService.Projects)
        {
            var listing = await first.ReadFileAsync(ComputePaths.Packages(project), step.Cancellation);
            if (listing is null && !step.Component.DryRun)
            {
                throw new InvalidOperationException($"{first.Name} has no {project} tarball listing at {ComputePaths.Packages(project)}: the package-tarballs phase did not run");
            }
            var unpacked = await step.Target.ReadFileAsync(ComputePaths.Unpacked(project), step.Cancellation);
            if (listing is not null && unpacked == listing)
            {
                step.Component.Log.Information("[{Host}] {Project} packages already unpacked", step.Target.Name, project);
                continue;
            }
            needed.Add((project, listing));
        }
        if (needed.Count == 0)
        {
            return;
        }
        // Every tarball lies in the state directory on both sides: the directory is the destination.
        await first.RunCheckedAsync(Sh.Join(["scp", "-q",
            "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=accept-new",
            "-i", ControllerSet.FirstControllerKey(config),
            "-P", ControllerSet.SshPort(config, node).ToString(CultureInfo.InvariantCulture),
            .. needed.Select(n => ComputePaths.Tarball(n.Project)), $"{config.Ssh.User}@{node.Address}:{ComputePaths.StateDir}/"]), step.Cancellation);
        // All unpacked in one command (one after the other, the first failure stops the rest), then
        // their listings recorded in one batch of writes: a listing is only written once every tarball
        // unpacked, so a failed unpack leaves them all to be fetched again.
        await step.Run(Sh.AllOf(needed.Select(n => ComputePaths.Tarball(n.Project))
            .Select(tarball => $"{Sh.Join("tar", "-C", "/", "-xzf", tarball)} && {Sh.Join("rm", "-f", tarball)}")));
        await step.Target.WriteFilesAsync([.. needed.Select(n => new FileWrite(ComputePaths.Unpacked(n.Project), n.Listing ?? ""))], step.Cancellation);
    }

    /// <summary>controller-1's tarballs and listings (the cluster uninstall only).</summary>
    public static Task RemoveFromFirstAsync(StepContext step) => step.Run(Sh.Join("rm", "-rf", ComputePaths.StateDir));
}
