using OsInstall.Components.Postgres;

namespace OsInstall.Tests.Postgres;

/// <summary>A real master and standby from our rendered postgresql.conf (master and slave variants) and pg_hba.conf.</summary>
[Collection(ReplicaSetCollection.Name)]
public sealed class ReplicationTests(ReplicaSetFixture set)
{
    [Fact]
    public void The_master_is_writable_and_the_standby_in_recovery()
    {
        set.EnsureUp();
        Assert.Equal("f", LoopbackPostgres.Psql(set.Master, "select pg_is_in_recovery()"));
        Assert.Equal("t", LoopbackPostgres.Psql(set.Standby, "select pg_is_in_recovery()"));
        // Each data directory's postgresql.conf is the variant of its role, pg_hba.conf ours.
        Assert.Equal(set.Master.MasterConf, new FileInfo(Path.Combine(set.Master.DataDir, "postgresql.conf")).LinkTarget);
        Assert.Equal(set.Standby.SlaveConf, new FileInfo(Path.Combine(set.Standby.DataDir, "postgresql.conf")).LinkTarget);
        Assert.Equal(set.Standby.HbaConf, new FileInfo(Path.Combine(set.Standby.DataDir, "pg_hba.conf")).LinkTarget);
        Assert.Equal("0", LoopbackPostgres.Psql(set.Master, "select count(*) from pg_hba_file_rules where error is not null"));
        Assert.Equal("ANY 1 (*)", LoopbackPostgres.Psql(set.Master, "show synchronous_standby_names"));
    }

    [Fact]
    public void The_standby_streams_synchronously_through_its_slot_and_a_committed_write_is_read_on_it()
    {
        set.EnsureUp();
        var rows = LoopbackPostgres.Psql(set.Master, "select application_name || ' ' || sync_state from pg_stat_replication");
        Assert.Equal("postgres-2 quorum", rows);
        Assert.Equal("replication_slot_2 true", LoopbackPostgres.Psql(set.Master,
            "select slot_name || ' ' || active from pg_replication_slots where slot_name = 'replication_slot_2'"));

        var value = Guid.NewGuid().ToString("N");
        LoopbackPostgres.Psql(set.Master, $"create table if not exists replicated (v text); insert into replicated values ('{value}')");
        // synchronous_commit = remote_apply: once the commit returned, the standby has applied it.
        Assert.Equal("1", LoopbackPostgres.Psql(set.Standby, $"select count(*) from replicated where v = '{value}'"));
    }

    [Fact]
    public async Task Running_the_standby_step_again_takes_no_new_base_backup_and_restarts_nothing()
    {
        set.EnsureUp();
        const string started = "select pg_postmaster_start_time()";
        const string id = "select system_identifier from pg_control_system()";
        var before = LoopbackPostgres.Psql(set.Standby, started);
        var setup = set.Setup(2);
        var master = await setup.LocateMasterAsync();
        Assert.Equal("postgres-1", master.Name);
        var check = await setup.Target.RunAsync(PostgresCommands.CheckStandbyOf(set.Standby, master));
        Assert.Contains(PostgresCommands.StandbyOfMaster, check.StdOut);

        await setup.StandbyAsync(await setup.WriteFilesAsync());

        Assert.Equal(before, LoopbackPostgres.Psql(set.Standby, started));
        Assert.Equal(LoopbackPostgres.Psql(set.Master, id), LoopbackPostgres.Psql(set.Standby, id));
        // ...and the master step again changes nothing either.
        var masterStarted = LoopbackPostgres.Psql(set.Master, started);
        var m = set.Setup(1);
        await m.MasterAsync(await m.WriteFilesAsync());
        Assert.Equal(masterStarted, LoopbackPostgres.Psql(set.Master, started));
    }

    [Fact]
    public async Task Our_promote_script_turns_a_new_standby_into_a_writable_master_and_the_check_script_follows()
    {
        set.EnsureUp();
        var third = set.Settings[2];
        var setup = set.Setup(3);
        try
        {
            await setup.StandbyAsync(await setup.WriteFilesAsync());
            Assert.Equal("t", LoopbackPostgres.Psql(third, "select pg_is_in_recovery()"));
            Assert.Equal(1, CheckScript(third));
            Assert.Equal(1, CheckScript(set.Standby));
            Assert.Equal(0, CheckScript(set.Master));

            var promote = LoopbackPostgres.Run(third.PromoteScript);
            Assert.True(promote.Exit == 0, promote.StdOut + promote.StdErr + set.ServerLog(3));

            Assert.Equal("f", LoopbackPostgres.Psql(third, "select pg_is_in_recovery()"));
            // Quorum commit holds a promoted master's commits until a standby follows it (in the cluster the
            // other standby does, through the VIP's name); here none does, so this write commits locally.
            LoopbackPostgres.Psql(third, "set synchronous_commit = local; create table promoted (v int); insert into promoted values (1)");
            Assert.Equal("1", LoopbackPostgres.Psql(third, "select count(*) from promoted"));
            Assert.Equal(0, CheckScript(third));
            // A second notify_master on a master does nothing and succeeds.
            Assert.Equal(0, LoopbackPostgres.Run(third.PromoteScript).Exit);
        }
        finally
        {
            LoopbackPostgres.Run("/bin/sh", "-c", third.Service.StopIfStarted);
        }
        Assert.Equal(2, CheckScript(third));
    }

    private static int CheckScript(PostgresSettings s) => LoopbackPostgres.Run(s.CheckScript).Exit;
}
