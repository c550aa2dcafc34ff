using System.Net;
using System.Net.Sockets;

namespace OsInstall.Tests.Bind;

/// <summary>Loopback ports free for both TCP and UDP right now (DNS listens on both).</summary>
internal static class FreePorts
{
    public static IReadOnlyList<int> Take(int count)
    {
        var ports = new List<int>();
        while (ports.Count < count)
        {
            using var tcp = new TcpListener(IPAddress.Loopback, 0);
            tcp.Start();
            var port = ((IPEndPoint)tcp.LocalEndpoint).Port;
            try
            {
                using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, port));
            }
            catch (SocketException)
            {
                continue;
            }
            if (!ports.Contains(port))
            {
                ports.Add(port);
            }
        }
        return ports;
    }
}
