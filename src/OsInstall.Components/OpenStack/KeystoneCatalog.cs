using OsInstall.Common.Config;
using OsInstall.Common.Engine;
using OsInstall.Common.OpenStack;

namespace OsInstall.Components.OpenStack;

/// <summary>Puts a service into keystone (and takes it out again), each object only if missing (or present).</summary>
public static class KeystoneCatalog
{
    /// <summary>The project every service user belongs to (created by keystone's install).</summary>
    public const string ServiceProject = "service";

    public const string AdminRole = "admin";

    public static readonly string[] Interfaces = ["public", "internal", "admin"];

    /// <summary>http://&lt;api host&gt;:&lt;port&gt;&lt;path&gt;: every interface goes through the haproxy VIP's name, as the original.</summary>
    public static string EndpointUrl(ClusterConfig config, int port, string path = "") =>
        $"http://{ClusterEndpoints.ApiHost(config)}:{port}{path}";

    /// <summary>Runs on controller-1.</summary>
    public static async Task RegisterAsync(StepContext step, KeystoneRegistration r)
    {
        var region = step.Config.Cluster.Region;
        await OpenStackCli.EnsureUserAsync(step, r.UserName, r.PasswordSecret).ConfigureAwait(false);
        await step.Run(OpenStackCli.EnsureRole(ServiceProject, r.UserName, AdminRole)).ConfigureAwait(false);
        await step.Run(OpenStackCli.EnsureExists(["service", "show", r.ServiceName],
            ["service", "create", "--name", r.ServiceName, "--description", r.Description, r.ServiceType])).ConfigureAwait(false);
        var url = EndpointUrl(step.Config, r.Port, r.Path);
        foreach (var @interface in Interfaces)
        {
            await step.Run(OpenStackCli.EnsureEndpoint(region, r.ServiceName, @interface, url)).ConfigureAwait(false);
        }
    }

    /// <summary>Runs on controller-1 while keystone still answers: endpoints, service entity, service user.</summary>
    public static async Task UnregisterAsync(StepContext step, KeystoneRegistration r)
    {
        await step.Run(OpenStackCli.RemoveService(step.Config.Cluster.Region, r.ServiceName)).ConfigureAwait(false);
        await step.Run(OpenStackCli.RemoveIfExists("user", r.UserName, "--domain", "default")).ConfigureAwait(false);
    }
}
