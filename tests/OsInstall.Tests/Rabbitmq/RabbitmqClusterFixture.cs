using System.Diagnostics;
using OsInstall.Components;
using OsInstall.Tests.Bind;
using OsInstall.Tests.TestSupport;

namespace OsInstall.Tests.Rabbitmq;

/// <summary>
/// Two real RabbitMQ nodes (rabbit1@localhost, rabbit2@localhost) started once for the test class
/// from our rendered files, with one generated cookie and the test's own epmd on a free port, so
/// that nothing else on the machine is seen or touched. Everything it started is ended on dispose.
/// </summary>
public sealed class RabbitmqClusterFixture : IAsyncLifetime
{
    private readonly TempDir dir = new("osinstall-rabbitmq");
    private readonly List<RabbitmqTestNode> extra = [];
    private Process? epmd;

    internal RabbitmqTestNode Node1 { get; private set; } = null!;
    internal RabbitmqTestNode Node2 { get; private set; } = null!;
    public string Cookie { get; } = RabbitmqTestNode.NewCookie();
    public int EpmdPort { get; private set; }

    public async Task InitializeAsync()
    {
        if (!File.Exists(RabbitmqTestNode.Ctl))
        {
            throw new InvalidOperationException($"{RabbitmqTestNode.Ctl} is missing: install the packages in tests/packages.d/rabbitmq.txt");
        }
        var ports = FreePorts.Take(5);
        EpmdPort = ports[0];
        var psi = new ProcessStartInfo("/usr/bin/epmd") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add("-port");
        psi.ArgumentList.Add(EpmdPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        epmd = Process.Start(psi)!;
        Node1 = new RabbitmqTestNode(dir.Path, "rabbit1", Cookie, ports[1], ports[2], EpmdPort, ComponentCatalog.Templates);
        Node2 = new RabbitmqTestNode(dir.Path, "rabbit2", Cookie, ports[3], ports[4], EpmdPort, ComponentCatalog.Templates);
        await Task.WhenAll(Node1.StartAsync(), Node2.StartAsync());
    }

    /// <summary>A further node for one test (ended with the others).</summary>
    internal RabbitmqTestNode NewNode(string shortName, string extraConfig)
    {
        var ports = FreePorts.Take(2);
        var node = new RabbitmqTestNode(dir.Path, shortName, Cookie, ports[0], ports[1], EpmdPort, ComponentCatalog.Templates, extraConfig);
        lock (extra)
        {
            extra.Add(node);
        }
        return node;
    }

    public Task DisposeAsync()
    {
        var nodes = new[] { Node1, Node2 }.Concat(extra).Where(n => n is not null).ToList();
        var pids = nodes.Select(n => n.Pid).Where(p => p > 0).ToList();
        foreach (var node in nodes)
        {
            node.Dispose();
        }
        if (epmd is { HasExited: false })
        {
            epmd.Kill(entireProcessTree: true);
            epmd.WaitForExit(10_000);
        }
        var epmdPid = epmd?.Id ?? 0;
        epmd?.Dispose();
        dir.Dispose();
        // No stray Erlang VM or epmd of ours may outlive the class.
        var strays = pids.Append(epmdPid).Where(p => p > 0 && Alive(p)).ToList();
        return strays.Count == 0
            ? Task.CompletedTask
            : throw new InvalidOperationException($"processes left running after the rabbitmq tests: {string.Join(", ", strays)}");
    }

    /// <summary>Running or sleeping; a zombie waiting for its parent to reap it is gone already.</summary>
    private static bool Alive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].FirstOrDefault() is not ('Z' or 'X');
        }
        catch (IOException)
        {
            return false;
        }
    }
}

[CollectionDefinition(Name)]
public sealed class RabbitmqClusterCollection : ICollectionFixture<RabbitmqClusterFixture>
{
    public const string Name = "rabbitmq-real-cluster";
}
