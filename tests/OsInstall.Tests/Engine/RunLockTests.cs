using OsInstall.Common.Journal;
using OsInstall.Tests.TestSupport;

namespace OsInstall.Tests.Engine;

public class RunLockTests
{
    [Fact]
    public void A_second_run_is_refused_while_the_first_holds_the_lock()
    {
        using var dir = new TempDir();
        // The holder must be another live process: our own pid counts as "not another run".
        using var sleeper = System.Diagnostics.Process.Start("sleep", "30");
        File.WriteAllText(Path.Combine(dir.Path, "osinstall.lock"), $"{sleeper.Id}\n");
        var ex = Assert.Throws<RunLockedException>(() => RunLock.Acquire(dir.Path));
        Assert.Equal(sleeper.Id, ex.Pid);
        Assert.Contains("another osinstall run", ex.Message);
        sleeper.Kill();
    }

    [Fact]
    public void A_stale_lock_of_a_dead_process_is_cleared()
    {
        using var dir = new TempDir();
        using var p = System.Diagnostics.Process.Start("true");
        p.WaitForExit();
        File.WriteAllText(Path.Combine(dir.Path, "osinstall.lock"), $"{p.Id}\n");
        using (var l = RunLock.Acquire(dir.Path))
        {
            Assert.Equal(Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), File.ReadLines(l.Path).First());
        }
        Assert.False(File.Exists(Path.Combine(dir.Path, "osinstall.lock")));
    }
}
