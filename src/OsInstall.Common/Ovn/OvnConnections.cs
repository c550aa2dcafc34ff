using System.Globalization;
using OsInstall.Common.Config;

namespace OsInstall.Common.Ovn;

/// <summary>
/// The one place the OVN database connection strings are derived from the config: clients
/// (ovn-nbctl, ovn-northd, ovn-controller) get the list of every controller, raft members their own address.
/// </summary>
public static class OvnConnections
{
    /// <summary>tcp:addr:nb_port of every controller, comma-separated (what ovn-nbctl --db takes).</summary>
    public static string Northbound(ClusterConfig config) => List(config, config.Ovn.NbPort);

    /// <summary>tcp:addr:sb_port of every controller, comma-separated (ovn-remote of the chassis).</summary>
    public static string Southbound(ClusterConfig config) => List(config, config.Ovn.SbPort);

    public static string NorthboundRaft(string address, ClusterConfig config) => Tcp(address, config.Ovn.NbRaftPort);

    public static string SouthboundRaft(string address, ClusterConfig config) => Tcp(address, config.Ovn.SbRaftPort);

    public static string Tcp(string address, int port) => $"tcp:{address}:{port.ToString(CultureInfo.InvariantCulture)}";

    private static string List(ClusterConfig config, int port) =>
        string.Join(',', config.Controllers.Select(c => Tcp(c.Address, port)));
}
