using OsInstall.Common.Targets;
using OsInstall.Common.Templates;

namespace OsInstall.Components.Postgres;

/// <summary>
/// What one member's step works with: the member as a target, where PostgreSQL lives in it, the
/// replication set, which member it is, and the superuser password. The install steps build it
/// from the cluster; the tests build it for loopback servers and run the same code.
/// </summary>
public sealed record PostgresMemberSetup(
    TemplateRenderer Templates,
    MemberTarget Target,
    PostgresSettings Settings,
    PostgresTopology Topology,
    PostgresPeer Peer,
    string Password,
    bool DryRun,
    CancellationToken Cancellation)
{
    /// <summary>Writes the member's files (both config variants, pg_hba, scripts, .pgpass, service files); true when any changed.</summary>
    public async Task<bool> WriteFilesAsync()
    {
        var t = Templates;
        var s = Settings;
        var root = new FileSpec("0644");
        var script = FileSpec.Executable;
        var changed = false;
        changed |= await Write(s.MasterConf, PostgresFiles.Conf(t, s, Topology, Peer, standby: false), root).ConfigureAwait(false);
        changed |= await Write(s.SlaveConf, PostgresFiles.Conf(t, s, Topology, Peer, standby: true), root).ConfigureAwait(false);
        changed |= await Write(s.HbaConf, PostgresFiles.Hba(t, Topology), root).ConfigureAwait(false);
        changed |= await Write(s.IdentConf, PostgresFiles.Ident(t), root).ConfigureAwait(false);
        await Write(s.PgPassFile, PostgresFiles.PgPass(t, Password), new FileSpec("0600", PostgresSettings.OsUser, PostgresSettings.OsUser)).ConfigureAwait(false);
        await Write(s.CheckScript, PostgresFiles.CheckScript(t, s), script).ConfigureAwait(false);
        await Write(s.PromoteScript, PostgresFiles.PromoteScript(t, s), script).ConfigureAwait(false);
        await Write(s.DemoteScript, PostgresFiles.DemoteScript(t, s, Topology, Peer), new FileSpec("0750")).ConfigureAwait(false);
        return changed;
    }

    /// <summary>
    /// The master: a database cluster (initdb unless there is one), its config linked, running, the
    /// superuser password set, and the other members' slots. A member that became a standby since
    /// (standby.signal) keeps that role: the links follow the data directory.
    /// </summary>
    public async Task MasterAsync(bool filesChanged)
    {
        var changed = filesChanged;
        changed |= Marked(await Run(PostgresCommands.InitDb(Settings)).ConfigureAwait(false));
        await StartAsync(changed).ConfigureAwait(false);
        var facts = PostgresHealth.Parse((await Run(PostgresCommands.Health(Settings)).ConfigureAwait(false)).StdOut);
        if (facts.GetValueOrDefault("in_recovery") == "f" || DryRun)
        {
            await Target.RunCheckedWithInputAsync(PostgresCommands.PsqlStdin(Settings, null),
                PostgresFiles.SuperuserPasswordSql(Templates, Password), "set the superuser password", Cancellation).ConfigureAwait(false);
        }
        await SlotsAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// A standby of the current master: unless the data directory already is one (standby.signal and
    /// the master's system identifier), the server is stopped and the data directory replaced by a
    /// base backup streamed through this member's slot; then linked, running, and holding the others' slots.
    /// </summary>
    public async Task StandbyAsync(bool filesChanged)
    {
        var master = await LocateMasterAsync().ConfigureAwait(false);
        if (master.Name == Peer.Name)
        {
            // After a failover this member may be the master: nothing to copy from itself.
            await MasterAsync(filesChanged).ConfigureAwait(false);
            return;
        }
        var changed = filesChanged;
        var check = await Run(PostgresCommands.CheckStandbyOf(Settings, master)).ConfigureAwait(false);
        if (!check.StdOut.Split('\n').Any(l => l.Trim() == PostgresCommands.StandbyOfMaster))
        {
            await Run(Settings.Service.StopIfStarted).ConfigureAwait(false);
            await Run(PostgresCommands.BaseBackup(Settings, master.Host, master.Port, Peer.SlotName)).ConfigureAwait(false);
            changed = true;
        }
        await StartAsync(changed).ConfigureAwait(false);
        await SlotsAsync().ConfigureAwait(false);
    }

    /// <summary>The member that answers as writable; exactly one must.</summary>
    public async Task<PostgresPeer> LocateMasterAsync()
    {
        var result = await Run(PostgresCommands.LocateMaster(Settings, Topology.Peers)).ConfigureAwait(false);
        var endpoints = result.StdOut.Split('\n')
            .Select(l => l.Trim())
            .Where(l => l.StartsWith(PostgresCommands.MasterPrefix, StringComparison.Ordinal))
            .Select(l => l[PostgresCommands.MasterPrefix.Length..])
            .ToHashSet(StringComparer.Ordinal);
        var masters = Topology.Peers.Where(p => endpoints.Contains(p.Endpoint)).ToList();
        return masters.Count switch
        {
            1 => masters[0],
            0 when DryRun => Topology.Peers[0],
            0 => throw new InvalidOperationException($"no postgres member answers as master (asked {string.Join(", ", Topology.Peers.Select(p => p.Endpoint))} from {Peer.Name})"),
            _ => throw new InvalidOperationException($"more than one postgres master: {string.Join(", ", masters.Select(m => m.Name))}"),
        };
    }

    private async Task StartAsync(bool changed)
    {
        changed |= Marked(await Run(PostgresCommands.LinkConfig(Settings)).ConfigureAwait(false));
        await Run(Settings.Service.Enable).ConfigureAwait(false);
        await Run(Settings.Service.Run(changed)).ConfigureAwait(false);
        await Run(PostgresCommands.AsPostgres(PostgresCommands.WaitReady(Settings))).ConfigureAwait(false);
    }

    private Task SlotsAsync() =>
        Target.RunCheckedWithInputAsync(PostgresCommands.PsqlStdin(Settings, null),
            PostgresFiles.ReplicationSlotsSql(Templates, Topology.Others(Peer).Select(p => p.SlotName)), "replication slots", Cancellation);

    private Task<bool> Write(string path, string content, FileSpec spec) => Target.WriteFileAsync(path, content, spec, Cancellation);

    private Task<CommandResult> Run(string command) => Target.RunCheckedAsync(command, Cancellation);

    private static bool Marked(CommandResult r) => r.StdOut.Contains(PostgresCommands.Changed, StringComparison.Ordinal);
}
