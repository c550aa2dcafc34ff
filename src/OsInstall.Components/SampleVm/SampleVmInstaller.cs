using OsInstall.Common.Config;
using OsInstall.Common.Engine;
using OsInstall.Common.Shell;

namespace OsInstall.Components.SampleVm;

/// <summary>
/// The sample VM (the original's vm/vm-create.sh and vm/vm-delete.sh) on controller-1 with the
/// openstack client and admin-openrc: the configured Alpine cloud image (downloaded and converted
/// to raw with qemu-img instead of the original's Packer build), a flavor, a bootable volume, the
/// internal network and subnet, the external provider network and subnet, a router with its
/// gateway and interface, a security group letting ssh and icmp in, a keypair, the server booted
/// from the volume and a floating IP on it. Each object is created only if missing; uninstall
/// deletes them in vm-delete.sh's order, each only if present.
/// </summary>
public sealed class SampleVmInstaller : IComponent
{
    public const string ComponentName = "sample-vm";

    public string Name => ComponentName;

    public int Order => 210;

    public string Description =>
        "sample VM: Alpine cloud image, flavor, volume, internal and external networks, router, security group, keypair, server, floating IP";

    public IReadOnlyList<string> Hosts(ClusterConfig config) => [config.FirstController.Name];

    public IEnumerable<Phase> Install(ComponentContext ctx)
    {
        var first = ctx.Config.FirstController.Name;
        yield return Phase.On("image", first, s => s.Run(SampleVmCommands.EnsureImage(s.Config)));
        yield return Phase.On("flavor", first, s => s.Run(SampleVmCommands.EnsureFlavor(s.Config)));
        yield return Phase.On("volume", first, s => s.Run(SampleVmCommands.EnsureVolume(s.Config)));
        yield return Phase.On("internal-network", first, s => RunAllAsync(s, SampleVmCommands.EnsureInternalNetwork(s.Config)));
        yield return Phase.On("external-network", first, s => RunAllAsync(s, SampleVmCommands.EnsureExternalNetwork(s.Config)));
        yield return Phase.On("router", first, s => RunAllAsync(s, SampleVmCommands.EnsureRouter(s.Config)));
        yield return Phase.On("security-group", first, s => RunAllAsync(s, SampleVmCommands.EnsureSecurityGroup(s.Config)));
        yield return Phase.On("keypair", first, KeypairAsync);
        yield return Phase.On("server", first, s => s.Run(SampleVmCommands.EnsureServer(s.Config)));
        yield return Phase.On("floating-ip", first, s => s.Run(SampleVmCommands.EnsureFloatingIp(s.Config)));
    }

    public IEnumerable<Phase> Uninstall(ComponentContext ctx)
    {
        var first = ctx.Config.FirstController.Name;
        yield return Remove("server", first, c => [SampleVmCommands.RemoveServer(c)]);
        yield return Remove("floating-ip", first, c => [SampleVmCommands.RemoveFloatingIps(c)]);
        yield return Remove("keypair", first, c => [SampleVmCommands.RemoveKeypair(c), SampleVmCommands.RemoveKeyFiles(c)]);
        yield return Remove("security-group", first, c => [SampleVmCommands.RemoveSecurityGroup(c)]);
        yield return Remove("router", first, SampleVmCommands.RemoveRouter);
        yield return Remove("external-network", first, c => SampleVmCommands.RemoveNetwork(c.SampleVm.ExternalNetworkName));
        yield return Remove("internal-network", first, c => SampleVmCommands.RemoveNetwork(c.SampleVm.InternalNetworkName));
        yield return Remove("flavor", first, c => [SampleVmCommands.RemoveFlavor(c)]);
        yield return Remove("volume", first, c => [SampleVmCommands.RemoveVolume(c)]);
        yield return Remove("image", first, SampleVmCommands.RemoveImage);
    }

    /// <summary>The server is active and its floating IP is associated.</summary>
    public async Task<HealthReport> VerifyAsync(ComponentContext ctx, CancellationToken ct)
    {
        var first = ctx.Config.FirstController.Name;
        var target = await ctx.TargetAsync(first, ct).ConfigureAwait(false);
        var checks = new List<HealthCheck>();
        var server = new SampleVmNames(ctx.Config).Server;

        var status = await target.RunAsync(SampleVmCommands.ServerStatus(ctx.Config), ct).ConfigureAwait(false);
        var state = status.StdOut.Trim();
        checks.Add(new HealthCheck(first, $"server {server} active", status.Succeeded && state == "ACTIVE",
            status.Succeeded ? $"status {state}" : status.StdErr.Trim()));

        var fips = await target.RunAsync(SampleVmCommands.FloatingIps(ctx.Config), ct).ConfigureAwait(false);
        var attached = fips.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(l => l.Split(' ', 2))
            .Where(p => p.Length == 2 && p[1] is not ("" or "None"))
            .Select(p => p[0])
            .ToList();
        checks.Add(new HealthCheck(first, $"floating IP of {server}", fips.Succeeded && attached.Count > 0,
            !fips.Succeeded ? fips.StdErr.Trim() : attached.Count > 0 ? string.Join(' ', attached) : "no floating IP associated"));
        return HealthReport.From(checks);
    }

    /// <summary>The keypair from the configured public key, or from a key generated on controller-1.</summary>
    private static async Task KeypairAsync(StepContext s)
    {
        var names = new SampleVmNames(s.Config);
        if (names.GeneratesKey)
        {
            await s.Run(SampleVmCommands.GenerateKey(s.Config));
        }
        else
        {
            await s.Run($"{Sh.Join("mkdir", "-p", "/root/.ssh")} && {Sh.Join("chmod", "0700", "/root/.ssh")}");
            await s.Write(names.PublicKey, s.Config.SampleVm.KeypairPublicKey.Trim() + "\n");
        }
        await s.Run(SampleVmCommands.EnsureKeypair(s.Config));
    }

    private static async Task RunAllAsync(StepContext s, IEnumerable<string> commands)
    {
        foreach (var command in commands)
        {
            await s.Run(command);
        }
    }

    /// <summary>A teardown phase: skipped (and logged) when keystone is not installed, as nothing could answer.</summary>
    private static Phase Remove(string name, string host, Func<ClusterConfig, IEnumerable<string>> commands) =>
        Phase.On(name, host, s =>
        {
            if (!s.Component.InstalledComponents.Contains("keystone"))
            {
                s.Component.Log.Information("[{Host}] keystone is not installed: no {Object} of the sample VM to delete", s.Target.Name, name);
                return Task.CompletedTask;
            }
            return RunAllAsync(s, commands(s.Config));
        });
}
