using OsInstall.Common.Engine;
using OsInstall.Common.Shell;
using OsInstall.Common.Targets;
using OsInstall.Components.OpenStack;

namespace OsInstall.Components.Keystone;

/// <summary>
/// keystone-manage bootstrap in keystone-1: the admin user (password: secret admin_password, read
/// from a 0600 file through OS_BOOTSTRAP_PASSWORD, never on a command line), the admin project and
/// role, the region, the identity service and its three endpoints. bootstrap itself only creates
/// what is missing and resets the admin password only when it differs, so it runs on every install.
/// </summary>
internal static class KeystoneBootstrap
{
    public static Task RunAsync(StepContext step, ITarget container, OpenStackService service)
    {
        var config = step.Config;
        var url = KeystoneInstaller.IdentityUrl(config);
        var bootstrap = Sh.Join(
            service.Tool("keystone-manage"), "bootstrap",
            "--bootstrap-username", "admin",
            "--bootstrap-project-name", "admin",
            "--bootstrap-role-name", "admin",
            "--bootstrap-service-name", KeystoneInstaller.ServiceName,
            "--bootstrap-region-id", config.Cluster.Region,
            "--bootstrap-admin-url", url,
            "--bootstrap-internal-url", url,
            "--bootstrap-public-url", url);
        return OpenStackCli.WithSecretFileAsync(container, "admin.password", DryRunStandIns.Secret(step.Component, KeystoneInstaller.AdminPasswordSecret),
            password => $"OS_BOOTSTRAP_PASSWORD={password} {bootstrap}", step.Cancellation);
    }
}
