using System.Net;
using System.Net.Sockets;
using OsInstall.Common.Config;
using OsInstall.Components;
using OsInstall.Components.Rsyslog;

namespace OsInstall.Tests.Rsyslog;

/// <summary>
/// Three collectors and one forwarding client, each a real rsyslogd running the config our
/// templates render for controllers 1-3 and a compute node. Everything is on 127.0.0.1 with
/// ports of its own, and under one temp directory, so nothing collides with a system rsyslogd.
/// </summary>
internal sealed class RsyslogTestCluster : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly DirectoryInfo root;

    private RsyslogTestCluster(string protocol)
    {
        root = Directory.CreateTempSubdirectory($"osinstall-rsyslog-{protocol}-");
        Config = ShippedConfig.Load();
        Config.Rsyslog.Protocol = protocol;
        foreach (var c in Config.Controllers)
        {
            c.Address = "127.0.0.1";
        }
        Ports = Config.Controllers.Select(_ => FreePort()).ToList();
        Collectors = Config.Controllers.Select(c => new RsyslogdInstance(c.Name, Path.Combine(root.FullName, c.Name))).ToList();
        var client = Config.ComputeNodes[0].Name;
        Client = new RsyslogdInstance(client, Path.Combine(root.FullName, client));
    }

    public ClusterConfig Config { get; }
    public IReadOnlyList<int> Ports { get; }
    public IReadOnlyList<RsyslogdInstance> Collectors { get; }
    public RsyslogdInstance Client { get; }
    public RsyslogdInstance Primary => Collectors[0];

    public static async Task<RsyslogTestCluster> StartAsync(string protocol, CancellationToken ct)
    {
        var cluster = new RsyslogTestCluster(protocol);
        try
        {
            for (var i = 0; i < cluster.Collectors.Count; i++)
            {
                var collector = cluster.Collectors[i];
                collector.Start(cluster.Render(collector));
                await cluster.WaitUntilListeningAsync(collector, cluster.Ports[i], ct);
            }
            cluster.Client.Start(cluster.Render(cluster.Client));
            await WaitUntilAsync(() => File.Exists(cluster.Client.SocketPath), cluster.Client, "its socket", ct);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>The config our component renders for this instance's host, moved into the instance's directory.</summary>
    public string Render(RsyslogdInstance instance)
    {
        var env = new RsyslogEnvironment
        {
            SocketPath = instance.SocketPath,
            WorkDirectory = instance.WorkDirectory,
            LogDirectory = instance.LogDirectory,
            KernelInput = false,
            ListenAddress = "127.0.0.1",
            CollectorPorts = Ports,
        };
        return RsyslogConfigs.Render(ComponentCatalog.Templates, RsyslogConfigs.ModelFor(Config, instance.Name, env));
    }

    /// <summary>Logs <paramref name="message"/> with <paramref name="priority"/> into the instance's socket, as a local program would.</summary>
    public static async Task LogAsync(RsyslogdInstance instance, string priority, string message, CancellationToken ct)
    {
        var result = await ExternalTool.RunAsync(ExternalTool.Require("logger"),
            ["-u", instance.SocketPath, "-p", priority, "-t", "osinstall-test", message], ct);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"logger into {instance.Name} failed: {result.Output}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        foreach (var c in Collectors)
        {
            await c.DisposeAsync();
        }
        root.Delete(recursive: true);
    }

    private async Task WaitUntilListeningAsync(RsyslogdInstance collector, int port, CancellationToken ct) =>
        await WaitUntilAsync(() =>
        {
            try
            {
                using var probe = new TcpClient();
                probe.Connect(IPAddress.Loopback, port);
                return true;
            }
            catch (SocketException)
            {
                return false;
            }
        }, collector, $"port {port}", ct);

    private static async Task WaitUntilAsync(Func<bool> ready, RsyslogdInstance instance, string what, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (!ready())
        {
            if (!instance.Running || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"rsyslogd for {instance.Name} did not open {what}:\n{instance.Output}");
            }
            await Task.Delay(100, ct);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
