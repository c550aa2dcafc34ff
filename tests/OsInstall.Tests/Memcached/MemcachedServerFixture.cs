using System.Diagnostics;
using OsInstall.Common.Shell;
using OsInstall.Components;
using OsInstall.Components.Memcached;
using OsInstall.Tests.Bind;
using OsInstall.Tests.TestSupport;

namespace OsInstall.Tests.Memcached;

/// <summary>
/// A real memcached (Debian's) on a loopback port, started once for the class the way Alpine's
/// init script starts it: our rendered /etc/conf.d/memcached sourced by sh, its values as the
/// flags. Listening on loopback here instead of every address; as nobody, Debian has no memcached user.
/// </summary>
public sealed class MemcachedServerFixture : IAsyncLifetime
{
    public const string Binary = "/usr/bin/memcached";

    private readonly TempDir dir = new("osinstall-memcached");
    private Process? server;

    public int Port { get; private set; }

    /// <summary>A loopback port where nothing listens (a stopped instance).</summary>
    public int ClosedPort { get; private set; }

    public string ConfPath => dir.File("memcached.confd");

    public async Task InitializeAsync()
    {
        if (!File.Exists(Binary))
        {
            throw new InvalidOperationException($"{Binary} is missing: install the packages in tests/packages.d/memcached.txt");
        }
        var ports = FreePorts.Take(2);
        (Port, ClosedPort) = (ports[0], ports[1]);
        var settings = new MemcachedSettings("127.0.0.1", Port, 32, 256);
        await File.WriteAllTextAsync(ConfPath, MemcachedInstaller.RenderConf(ComponentCatalog.Templates, settings));
        var psi = new ProcessStartInfo("/bin/sh") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add($". {Sh.Quote(ConfPath)} && exec \"$MEMCACHED_BINARY\" -p \"$PORT\" -U \"$UDPPORT\" -l \"$LISTENON\" -m \"$MEMUSAGE\" -c \"$MAXCONN\" -u nobody $MISC_OPTS");
        server = Process.Start(psi)!;
        // Up when it accepts a connection (or failed when it ended).
        for (var i = 0; i < 200 && !server.HasExited; i++)
        {
            try
            {
                using var probe = new System.Net.Sockets.TcpClient();
                await probe.ConnectAsync(System.Net.IPAddress.Loopback, Port);
                return;
            }
            catch (System.Net.Sockets.SocketException)
            {
                await Task.Delay(50);
            }
        }
        throw new InvalidOperationException($"memcached did not start from our conf.d: {await server.StandardError.ReadToEndAsync()}");
    }

    public Task DisposeAsync()
    {
        if (server is { HasExited: false })
        {
            server.Kill(entireProcessTree: true);
            server.WaitForExit(10_000);
        }
        server?.Dispose();
        dir.Dispose();
        return Task.CompletedTask;
    }
}
