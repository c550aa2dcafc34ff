using System.Security.Cryptography;
using OsInstall.Components.Postgres;
using OsInstall.Tests.TestSupport;

namespace OsInstall.Tests.Postgres;

/// <summary>
/// Three members on loopback ports, set up once by the component's own member code: postgres-1
/// the master (initdb, our master config, superuser password, slots), postgres-2 a synchronous
/// standby made by base backup from it. postgres-3 is left to the promote test (it makes and
/// promotes its own standby). The standbys stream from postgres-1's address, as from the VIP.
/// </summary>
public sealed class ReplicaSetFixture : IAsyncLifetime
{
    private readonly TempDir dir = new("osinstall-postgres");

    public ReplicaSetFixture()
    {
        if (!LoopbackPostgres.Available)
        {
            Unavailable = "Debian's postgresql is not installed (tests/packages.d/postgres.txt)";
            return;
        }
        LoopbackPostgres.OwnedDir(dir.Path);
        var ports = LoopbackPostgres.FreePorts(3);
        Settings = Enumerable.Range(1, 3).Select(i => LoopbackPostgres.Settings(dir.Path, $"postgres-{i}", ports[i - 1])).ToList();
        var peers = Settings.Select((s, i) => new PostgresPeer($"postgres-{i + 1}", i + 1, "127.0.0.1", "127.0.0.1", s.Port)).ToList();
        Topology = new PostgresTopology(peers, "127.0.0.1", ports[0], ["127.0.0.0/8"], "127.0.0.1");
    }

    /// <summary>Why the fixture could not start (tests then fail with it), or null.</summary>
    public string? Unavailable { get; private set; }

    public IReadOnlyList<PostgresSettings> Settings { get; } = [];

    public PostgresTopology Topology { get; } = new([], "", 0, [], null);

    public string Password { get; } = "pg-" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)) + ":'\\x";

    public string Root => dir.Path;

    public PostgresSettings Master => Settings[0];

    public PostgresSettings Standby => Settings[1];

    /// <summary>The member code of postgres-<paramref name="index"/> (1-based), as the install step builds it.</summary>
    public PostgresMemberSetup Setup(int index) =>
        new(LoopbackPostgres.Templates, LoopbackPostgres.Member($"postgres-{index}"), Settings[index - 1], Topology,
            Topology.Peers[index - 1], Password, DryRun: false, CancellationToken.None);

    public string ServerLog(int index) =>
        File.Exists(Path.Combine(Root, $"postgres-{index}", "server.log")) ? File.ReadAllText(Path.Combine(Root, $"postgres-{index}", "server.log")) : "";

    public async Task InitializeAsync()
    {
        if (Unavailable is not null)
        {
            return;
        }
        try
        {
            var master = Setup(1);
            await master.MasterAsync(await master.WriteFilesAsync());
            var standby = Setup(2);
            await standby.StandbyAsync(await standby.WriteFilesAsync());
        }
        catch (Exception ex)
        {
            Unavailable = $"{ex}\n--- postgres-1 log:\n{ServerLog(1)}\n--- postgres-2 log:\n{ServerLog(2)}";
        }
    }

    public Task DisposeAsync()
    {
        foreach (var s in Settings)
        {
            LoopbackPostgres.Run("/bin/sh", "-c", s.Service.StopIfStarted);
        }
        dir.Dispose();
        return Task.CompletedTask;
    }

    public void EnsureUp() => Assert.True(Unavailable is null, Unavailable);
}

[CollectionDefinition(Name)]
public sealed class ReplicaSetCollection : ICollectionFixture<ReplicaSetFixture>
{
    public const string Name = "postgres-replica-set";
}
