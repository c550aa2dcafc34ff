using OsInstall.Common.Engine;
using OsInstall.Components.OpenStack;
using OsInstall.Components.Prepare;

namespace OsInstall.Components.Keystone;

/// <summary>
/// What the original creates after bootstrap, through the VIP with admin-openrc on controller-1:
/// the "service" project (every service user's), the demo project, user (secret demo_password) and
/// role, the demo user's role in its project. The rc files are prepare's (same templates).
/// </summary>
internal static class KeystoneProjects
{
    /// <summary>admin-openrc and user-openrc on controller-1, rendered by prepare's code (unchanged when prepare wrote them).</summary>
    public static Task WriteOpenrcAsync(StepContext step) => OpenRcFiles.InstallAsync(step);

    public static async Task EnsureAsync(StepContext step)
    {
        var o = step.Config.Openstack;
        await step.Run(OpenStackCli.EnsureExists(["project", "show", KeystoneCatalog.ServiceProject],
            ["project", "create", "--domain", "default", "--description", "Service Project", KeystoneCatalog.ServiceProject]));
        await step.Run(OpenStackCli.EnsureExists(["project", "show", o.DemoProject],
            ["project", "create", "--domain", "default", "--description", "Demo Project", o.DemoProject]));
        await OpenStackCli.EnsureUserAsync(step, o.DemoUser, KeystoneInstaller.DemoPasswordSecret);
        await step.Run(OpenStackCli.EnsureExists(["role", "show", o.DemoRole], ["role", "create", o.DemoRole]));
        await step.Run(OpenStackCli.EnsureRole(o.DemoProject, o.DemoUser, o.DemoRole));
    }
}
