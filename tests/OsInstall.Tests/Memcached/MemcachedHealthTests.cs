using OsInstall.Common.Shell;
using OsInstall.Common.Targets;
using OsInstall.Components.Memcached;
using OsInstall.Tests.TestSupport;

namespace OsInstall.Tests.Memcached;

/// <summary>The component's health check, the same code as VerifyAsync runs in each container, against a real memcached.</summary>
public sealed class MemcachedHealthTests(MemcachedServerFixture memcached) : IClassFixture<MemcachedServerFixture>, IDisposable
{
    private readonly TempDir bin = BusyboxNc();

    [Fact]
    public async Task A_running_memcached_answers_the_stats_round_trip_with_its_pid()
    {
        var check = await MemcachedInstaller.CheckAsync(Target(), "127.0.0.1", memcached.Port, "local", CancellationToken.None);
        Assert.True(check.Ok, check.Detail);
        Assert.Matches(@"^stats answered by pid [1-9][0-9]*$", check.Detail);
    }

    [Fact]
    public async Task A_port_where_nothing_listens_fails_the_check()
    {
        var check = await MemcachedInstaller.CheckAsync(Target(), "127.0.0.1", memcached.ClosedPort, "local", CancellationToken.None);
        Assert.False(check.Ok, check.Detail);
        Assert.Contains("no stats answer", check.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Something_that_is_not_memcached_fails_the_check()
    {
        // A listener that accepts and answers junk: a connection alone is not health.
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        var serve = Task.Run(async () =>
        {
            using var client = await listener.AcceptTcpClientAsync();
            var stream = client.GetStream();
            await stream.WriteAsync("HTTP/1.0 400 Bad Request\r\n\r\n"u8.ToArray());
        });
        var check = await MemcachedInstaller.CheckAsync(Target(), "127.0.0.1", port, "local", CancellationToken.None);
        await serve;
        Assert.False(check.Ok, check.Detail);
    }

    [Fact]
    public async Task Our_conf_d_is_the_one_the_server_runs_with()
    {
        var answer = await Target().RunCheckedAsync(MemcachedStats.Command("127.0.0.1", memcached.Port));
        Assert.Contains("STAT max_connections 256", answer.StdOut, StringComparison.Ordinal);
        Assert.Contains($"STAT limit_maxbytes {32 * 1024 * 1024}", answer.StdOut, StringComparison.Ordinal);
    }

    public void Dispose() => bin.Dispose();

    /// <summary>The target the check runs through, with busybox's nc first on PATH as in an Alpine container.</summary>
    private PathTarget Target() => new(bin.Path);

    private static TempDir BusyboxNc()
    {
        var dir = new TempDir("osinstall-busybox-nc");
        const string busybox = "/bin/busybox";
        if (!File.Exists(busybox))
        {
            throw new InvalidOperationException($"{busybox} is missing: install the packages in tests/packages.d/memcached.txt");
        }
        File.CreateSymbolicLink(dir.File("nc"), busybox);
        return dir;
    }

    /// <summary>This machine's shell with <paramref name="pathFirst"/> in front of PATH.</summary>
    private sealed class PathTarget(string pathFirst) : ShellTarget
    {
        private readonly LocalTarget local = new("local", TimeSpan.FromSeconds(30));

        public override string Name => "local";

        public override Task<CommandResult> RunAsync(string command, CancellationToken ct = default) =>
            local.RunAsync($"PATH={Sh.Quote(pathFirst)}:\"$PATH\"; export PATH; {command}", ct);
    }
}
