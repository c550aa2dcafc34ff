namespace OsInstall.Common.Ovn;

/// <summary>The address OVN (ovn-northd) gave a logical switch port.</summary>
public sealed record PortAddress(string Mac, string Ip);

/// <summary>
/// How a container joins the overlay: an OVN logical switch port on the internal switch with a
/// dynamic address and the switch's DHCP options, bound to the controller it runs on, and the
/// DNS records (A in the forward zone, PTR in internal-reverse) that follow the port.
/// Implemented over ovn-nbctl + the DNS record service; the container mechanism calls it.
/// </summary>
public interface IContainerNetwork
{
    /// <summary>
    /// Ensures the port exists (requested-chassis = <paramref name="chassisHost"/>), waits until
    /// ovn-northd assigned its address, and ensures its A and PTR records. Idempotent.
    /// </summary>
    Task<PortAddress> AttachAsync(string container, string chassisHost, CancellationToken ct = default);

    /// <summary>The port's current address, or null when there is no such port (or no address yet).</summary>
    Task<PortAddress?> AddressOfAsync(string container, CancellationToken ct = default);

    /// <summary>Removes the port and its A and PTR records; false when there was nothing to remove.</summary>
    Task<bool> DetachAsync(string container, CancellationToken ct = default);

    /// <summary>
    /// Ensures a keepalived VIP's port: a virtual port <paramref name="name"/> on the internal switch
    /// with virtual-ip <paramref name="address"/> whose parents are the containers that may hold it
    /// (OVN then answers ARP for the VIP from whichever parent claims it), and its A and PTR records.
    /// Removed again by <see cref="DetachAsync"/>. Idempotent.
    /// </summary>
    Task AttachVirtualAsync(string name, string address, IReadOnlyList<string> parents, CancellationToken ct = default);
}
