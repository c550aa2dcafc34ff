using OsInstall.Common.Containers;
using OsInstall.Common.Engine;
using OsInstall.Common.Shell;
using OsInstall.Common.Targets;

namespace OsInstall.Components.Galera;

/// <summary>
/// Runs SQL as root inside a member (root logs in through the unix socket there) without the SQL
/// ever being on a command line: it may hold passwords. The SQL is written to a 0600 file on the
/// member's controller and piped into lxc-attach's standard input; the file is removed by the same
/// command, whether the SQL succeeded or not.
/// </summary>
public static class GaleraSqlRunner
{
    public const string Client = "mariadb --batch";

    public static async Task RunAsync(StepContext step, ContainerMember member, LxcCli lxc, string name, string sql)
    {
        var file = $"{GaleraSettings.SqlSpoolDirectory}/{name}.sql";
        await step.Target.RunCheckedAsync($"{Sh.Join("mkdir", "-p", GaleraSettings.SqlSpoolDirectory)} && {Sh.Join("chmod", "0700", GaleraSettings.SqlSpoolDirectory)}", step.Cancellation);
        await step.Write(file, sql, FileSpec.Secret);
        await step.Run(Command(lxc, member.Container, file));
    }

    /// <summary>lxc-attach with the file on its standard input, then the file removed; exits as the SQL client did.</summary>
    public static string Command(LxcCli lxc, string container, string file) =>
        $"{lxc.AttachCommand(container, Client)} < {Sh.Quote(file)}; rc=$?; {Sh.Join("rm", "-f", file)}; [ \"$rc\" -eq 0 ]";
}
