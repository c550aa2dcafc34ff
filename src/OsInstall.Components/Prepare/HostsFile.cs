using OsInstall.Common.Engine;

namespace OsInstall.Components.Prepare;

/// <summary>/etc/hosts: the controller's own name and address. Left in place on uninstall (the host needs a hosts file).</summary>
internal static class HostsFile
{
    public static string Render(ComponentContext ctx, string host)
    {
        var entry = ControllerSet.Entry(ctx.Config, host);
        return ctx.Render(PrepareTemplates.Hosts, new
        {
            HostName = entry.Name,
            HostAddress = entry.Address,
            HostFqdn = ctx.Config.Fqdn(entry.Name),
        });
    }

    public static Task InstallAsync(StepContext step) =>
        step.Write(PreparePaths.Hosts, Render(step.Component, step.Target.Name));
}
