using OsInstall.Common.Config;
using OsInstall.Common.Containers;
using OsInstall.Common.Engine;
using OsInstall.Common.OpenStack;
using OsInstall.Common.Shell;
using OsInstall.Components.Haproxy;
using OsInstall.Components.Keepalived;
using OsInstall.Tests.Rsyslog;
using OsInstall.Tests.TestSupport;

namespace OsInstall.Tests.Haproxy;

/// <summary>
/// Two haproxy members for real, from our rendered files: two network namespaces joined by a veth
/// pair (each end named as keepalived.conf's interface, addressed as the other's unicast peer), in
/// each a real haproxy from our haproxy.cfg and a real keepalived from our keepalived.conf, whose
/// track script is our rendered check script (it asks that namespace's haproxy). The notify script
/// is the test's: it records each transition. Set up once for the class; torn down always.
/// </summary>
public sealed class VipPairFixture : IAsyncLifetime
{
    private static readonly string[] Addresses = ["10.0.0.11", "10.0.0.12"];

    private readonly string id = Guid.NewGuid().ToString("N")[..6];
    private readonly Member[] members = new Member[2];

    public ClusterConfig Config { get; } = Rsyslog.ShippedConfig.Load();

    public string Vip => Config.Vips.Haproxy;

    /// <summary>Root-owned and closed to others (keepalived's script security), unlike /tmp.</summary>
    public string Dir { get; private set; } = "";

    public Member Master => members[0];

    public Member Backup => members[1];

    public async Task InitializeAsync()
    {
        try
        {
            await SetUpAsync();
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var m in members.Where(m => m is not null))
        {
            m.StopKeepalived();
            m.StopHaproxy();
        }
        foreach (var m in members.Where(m => m is not null))
        {
            await ExternalTool.RunAsync("ip", ["netns", "del", m.Namespace], CancellationToken.None);
        }
        if (Dir.Length > 0 && Directory.Exists(Dir))
        {
            Directory.Delete(Dir, recursive: true);
        }
    }

    /// <summary>Both keepalived and both haproxy running, the VIP on the master (waits for it).</summary>
    public async Task<bool> BaselineAsync()
    {
        foreach (var m in members)
        {
            m.StartHaproxy();
            m.StartKeepalived();
        }
        return await WaitUntilAsync(async () => await Master.HoldsVipAsync() && !await Backup.HoldsVipAsync());
    }

    /// <summary>Polls every 250 ms up to <paramref name="seconds"/>; whether the condition came true.</summary>
    public static async Task<bool> WaitUntilAsync(Func<Task<bool>> condition, int seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return true;
            }
            await Task.Delay(250);
        }
        return await condition();
    }

    public string Logs() => string.Join("\n", members.Where(m => m is not null).Select(m => m.Logs()));

    private async Task SetUpAsync()
    {
        Dir = $"/run/osinstall-vrrp-{id}";
        Directory.CreateDirectory(Dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        // Two members: the master's and the first backup's priorities.
        Config.Controllers.RemoveRange(2, Config.Controllers.Count - 2);
        var ctx = HaproxyTestContext.Create(Config);
        var iface = Config.Openstack.KeepalivedInterface;
        var set = ContainerSet.Members(Config, ClusterEndpoints.HaproxySet);
        for (var i = 0; i < 2; i++)
        {
            members[i] = new Member(this, set[i].Container, $"osivrrp-{id}-{i + 1}", Addresses[i], Path.Combine(Dir, set[i].Container));
        }
        await Run("ip", "netns", "add", members[0].Namespace);
        await Run("ip", "netns", "add", members[1].Namespace);
        await Run("ip", "link", "add", $"osv{id}a", "type", "veth", "peer", "name", $"osv{id}b");
        for (var i = 0; i < 2; i++)
        {
            var m = members[i];
            var end = i == 0 ? $"osv{id}a" : $"osv{id}b";
            await Run("ip", "link", "set", end, "netns", m.Namespace);
            await Run("ip", "-n", m.Namespace, "link", "set", end, "name", iface);
            await Run("ip", "-n", m.Namespace, "addr", "add", $"{m.Address}/24", "dev", iface);
            await Run("ip", "-n", m.Namespace, "link", "set", iface, "up");
            await Run("ip", "-n", m.Namespace, "link", "set", "lo", "up");
            m.Write(ctx, KeepalivedConfig.Render(ctx, HaproxyKeepalived.InstanceFor(Config, set[i], Addresses)));
        }
        // haproxy's stats socket directory: each member mounts its own over it.
        Directory.CreateDirectory(HaproxySettings.RunDirectory);
    }

    private static async Task Run(params string[] args)
    {
        var r = await ExternalTool.RunAsync(args[0], args[1..], CancellationToken.None);
        if (!r.Succeeded)
        {
            throw new InvalidOperationException($"{string.Join(' ', args)}: {r.Output}");
        }
    }

    /// <summary>One member: its namespace, its files, its haproxy and keepalived.</summary>
    public sealed class Member(VipPairFixture pair, string name, string ns, string address, string dir)
    {
        private ForegroundProcess? haproxy;
        private ForegroundProcess? keepalived;

        public string Name { get; } = name;
        public string Namespace { get; } = ns;
        public string Address { get; } = address;
        public string NotifyLog => Path.Combine(dir, "notify.log");

        public void Write(ComponentContext ctx, string keepalivedConf)
        {
            Directory.CreateDirectory(dir);
            var check = Path.Combine(dir, "check-haproxy.sh");
            var notify = Path.Combine(dir, "notify.sh");
            WriteExecutable(check, HaproxyFiles.RenderCheckScript(ctx));
            WriteExecutable(notify, $"#!/bin/sh\necho \"$1\" >> {Sh.Quote(NotifyLog)}\n");
            // Our keepalived.conf with the scripts where this test keeps them.
            File.WriteAllText(Path.Combine(dir, "keepalived.conf"), keepalivedConf
                .Replace($"\"{HaproxySettings.CheckScriptPath}\"", $"\"{check}\"", StringComparison.Ordinal)
                .Replace($"\"{HaproxySettings.NotifyScriptPath} ", $"\"{notify} ", StringComparison.Ordinal));
            File.WriteAllText(Path.Combine(dir, "haproxy.cfg"), HaproxyFrontends.Render(ctx, []));
        }

        public void StartHaproxy()
        {
            if (haproxy is { HasExited: false })
            {
                return;
            }
            haproxy?.Dispose();
            // ip netns exec gives the process a mount namespace of its own: the stats socket's directory is private to it.
            haproxy = ForegroundProcess.Start("ip", "netns", "exec", Namespace, "sh", "-c",
                $"mount -t tmpfs none {Sh.Quote(HaproxySettings.RunDirectory)} && exec haproxy -W -db -f {Sh.Quote(Path.Combine(dir, "haproxy.cfg"))}");
        }

        public void StopHaproxy()
        {
            haproxy?.Dispose();
            haproxy = null;
        }

        public void StartKeepalived()
        {
            if (keepalived is { HasExited: false })
            {
                return;
            }
            keepalived?.Dispose();
            keepalived = ForegroundProcess.Start("ip", "netns", "exec", Namespace, "keepalived", "--dont-fork", "--log-console",
                "-f", Path.Combine(dir, "keepalived.conf"),
                "-p", Path.Combine(dir, "keepalived.pid"), "-r", Path.Combine(dir, "vrrp.pid"), "-c", Path.Combine(dir, "checkers.pid"));
        }

        public void StopKeepalived()
        {
            keepalived?.Dispose();
            keepalived = null;
            // The killed parent's VRRP and checker children can outlive it for a moment, and a new
            // keepalived refuses to start ("daemon is already running") while a pid file names a live one.
            foreach (var file in new[] { "vrrp.pid", "checkers.pid", "keepalived.pid" })
            {
                var path = Path.Combine(dir, file);
                if (File.Exists(path) && int.TryParse(File.ReadAllText(path).Trim(), out var pid))
                {
                    try
                    {
                        using var child = System.Diagnostics.Process.GetProcessById(pid);
                        child.Kill();
                        child.WaitForExit(5000);
                    }
                    catch (ArgumentException)
                    {
                        // already gone
                    }
                    catch (InvalidOperationException)
                    {
                        // exited meanwhile
                    }
                }
                File.Delete(path);
            }
        }

        public async Task<bool> HoldsVipAsync()
        {
            var r = await ExternalTool.RunAsync("ip", ["-n", Namespace, "-4", "addr", "show", "dev", pair.Config.Openstack.KeepalivedInterface], CancellationToken.None);
            return r.Succeeded && HaproxyHealth.HoldsVip(r.Output, pair.Vip);
        }

        public string Logs() =>
            $"--- {Name} keepalived:\n{keepalived?.Log}\n--- {Name} haproxy:\n{haproxy?.Log}\n--- {Name} notify: {(File.Exists(NotifyLog) ? File.ReadAllText(NotifyLog) : "")}";

        private static void WriteExecutable(string path, string content)
        {
            File.WriteAllText(path, content);
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }
    }
}
