using OsInstall.Common.Config;
using OsInstall.Common.Dns;

namespace OsInstall.Common.Ovn;

/// <summary>
/// <see cref="IContainerNetwork"/> over ovn-nbctl and the DNS record API: the port is named after
/// the container on the internal (overlay) switch, takes a dynamic address from ovn-northd and the
/// switch's DHCP options, and its A and PTR records follow it.
/// </summary>
public sealed class OvnContainerNetwork(OvnNorthbound northbound, DnsRecordService dns, ClusterConfig config) : IContainerNetwork
{
    /// <summary>How long to wait for ovn-northd to fill dynamic_addresses (it is not prompted, as the original was).</summary>
    public TimeSpan AddressTimeout { get; init; } = TimeSpan.FromSeconds(60);

    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    public TimeProvider Clock { get; init; } = TimeProvider.System;

    private string Switch => config.Networks.Internal.Bridge;

    public async Task<PortAddress> AttachAsync(string container, string chassisHost, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(container);
        var chassis = OvnChassis.NameOf(config, chassisHost);
        var dhcp = await northbound.FindUuidAsync("dhcp_options", [$"cidr={config.Networks.Internal.Cidr}"], ct).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"no DHCP options for {config.Networks.Internal.Cidr} in the OVN northbound database: is the ovn component installed?");
        await northbound.RunAsync(
        [
            "--may-exist", "lsp-add", Switch, container,
            "--", "lsp-set-addresses", container, "dynamic",
            "--", "lsp-set-dhcpv4-options", container, dhcp,
            "--", "lsp-set-enabled", container, "enabled",
            "--", "set", "logical_switch_port", container, $"options:requested-chassis={chassis}",
        ], ct).ConfigureAwait(false);
        var address = await WaitForAddressAsync(container, ct).ConfigureAwait(false);
        await dns.AddOrReplaceHostAsync(container, address.Ip, ct).ConfigureAwait(false);
        return address;
    }

    public async Task AttachVirtualAsync(string name, string address, IReadOnlyList<string> parents, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(address);
        if (parents.Count == 0)
        {
            throw new ArgumentException("a virtual port needs at least one parent port", nameof(parents));
        }
        await northbound.RunAsync(
        [
            "--may-exist", "lsp-add", Switch, name,
            "--", "lsp-set-type", name, "virtual",
            "--", "lsp-set-enabled", name, "enabled",
            "--", "lsp-set-options", name, $"virtual-ip={address}", $"virtual-parents={string.Join(",", parents)}",
        ], ct).ConfigureAwait(false);
        await dns.AddOrReplaceHostAsync(name, address, ct).ConfigureAwait(false);
    }

    public async Task<PortAddress?> AddressOfAsync(string container, CancellationToken ct = default)
    {
        var rows = await northbound.FindAsync("logical_switch_port", ["dynamic_addresses"], [$"name={container}"], ct).ConfigureAwait(false);
        return rows.Count == 0 || rows[0].Count == 0 ? null : PortAddressParser.Parse(rows[0][0]);
    }

    public async Task<bool> DetachAsync(string container, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(container);
        var existed = await northbound.FindUuidAsync("logical_switch_port", [$"name={container}"], ct).ConfigureAwait(false) is not null;
        if (existed)
        {
            await northbound.RunAsync(["--if-exists", "lsp-del", container], ct).ConfigureAwait(false);
        }
        var records = await dns.DeleteHostAsync(container, ct).ConfigureAwait(false);
        return existed || records;
    }

    private async Task<PortAddress> WaitForAddressAsync(string container, CancellationToken ct)
    {
        var deadline = Clock.GetUtcNow() + AddressTimeout;
        while (true)
        {
            var address = await AddressOfAsync(container, ct).ConfigureAwait(false);
            if (address is not null)
            {
                return address;
            }
            if (Clock.GetUtcNow() >= deadline)
            {
                throw new TimeoutException($"ovn-northd gave port {container} no address within {AddressTimeout.TotalSeconds:0}s: is ovn-northd running, and has {Switch} free addresses left?");
            }
            await Task.Delay(PollInterval, ct).ConfigureAwait(false);
        }
    }
}
