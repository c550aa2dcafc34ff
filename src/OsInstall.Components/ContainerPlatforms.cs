using OsInstall.Common.Containers;
using OsInstall.Common.Dns;
using OsInstall.Common.Engine;
using OsInstall.Common.Ovn;
using OsInstall.Components.Rsyslog;

namespace OsInstall.Components;

/// <summary>
/// The production container platform every container-set component uses: ports on the OVN
/// internal switch (ovn-nbctl and the zone files on controller-1) and rsyslog forwarding rendered
/// by the rsyslog component.
/// </summary>
public static class ContainerPlatforms
{
    public static ContainerPlatform For(ComponentContext ctx) =>
        new(ctx.DryRun ? new PlannedNetwork() : new ControllerOneNetwork(ctx), (c, name) => RsyslogConfigs.RenderForwarder(c, name));

    /// <summary>
    /// A dry run's network: the northbound database is never asked (a dry-run target answers nothing,
    /// so the real network would stop at the missing DHCP options), ports get a placeholder address,
    /// and the plan goes on to the containers' own steps.
    /// </summary>
    private sealed class PlannedNetwork : IContainerNetwork
    {
        private static readonly PortAddress Placeholder = new("00:00:00:00:00:00", "0.0.0.0");

        public Task<PortAddress> AttachAsync(string container, string chassisHost, CancellationToken ct = default) => Task.FromResult(Placeholder);

        public Task<PortAddress?> AddressOfAsync(string container, CancellationToken ct = default) => Task.FromResult<PortAddress?>(Placeholder);

        public Task<bool> DetachAsync(string container, CancellationToken ct = default) => Task.FromResult(false);

        public Task AttachVirtualAsync(string name, string address, IReadOnlyList<string> parents, CancellationToken ct = default) => Task.CompletedTask;
    }

    /// <summary>
    /// <see cref="OvnContainerNetwork"/> driven from controller-1, created on first use (phases are
    /// built before any host is connected).
    /// </summary>
    private sealed class ControllerOneNetwork(ComponentContext ctx) : IContainerNetwork
    {
        private readonly SemaphoreSlim gate = new(1, 1);
        private OvnContainerNetwork? network;

        public async Task<PortAddress> AttachAsync(string container, string chassisHost, CancellationToken ct = default) =>
            await (await GetAsync(ct).ConfigureAwait(false)).AttachAsync(container, chassisHost, ct).ConfigureAwait(false);

        public async Task<PortAddress?> AddressOfAsync(string container, CancellationToken ct = default) =>
            await (await GetAsync(ct).ConfigureAwait(false)).AddressOfAsync(container, ct).ConfigureAwait(false);

        public async Task<bool> DetachAsync(string container, CancellationToken ct = default) =>
            await (await GetAsync(ct).ConfigureAwait(false)).DetachAsync(container, ct).ConfigureAwait(false);

        public async Task AttachVirtualAsync(string name, string address, IReadOnlyList<string> parents, CancellationToken ct = default) =>
            await (await GetAsync(ct).ConfigureAwait(false)).AttachVirtualAsync(name, address, parents, ct).ConfigureAwait(false);

        private async Task<OvnContainerNetwork> GetAsync(CancellationToken ct)
        {
            await gate.WaitAsync(ct).ConfigureAwait(false);
            try
            {
                if (network is null)
                {
                    var primary = await ctx.TargetAsync(ctx.Config.FirstController.Name, ct).ConfigureAwait(false);
                    network = new OvnContainerNetwork(OvnNorthbound.ForConfig(primary, ctx.Config), DnsRecordService.ForConfig(primary, ctx.Config), ctx.Config);
                }
                return network;
            }
            finally
            {
                gate.Release();
            }
        }
    }
}
