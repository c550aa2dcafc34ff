using System.Net;
using System.Net.Sockets;
using OsInstall.Tests.Rsyslog;
using OsInstall.Tests.TestSupport;

namespace OsInstall.Tests.Galera;

/// <summary>
/// A real MariaDB server for the class (Debian's mariadb-server, tests/packages.d/galera.txt): a
/// data directory of its own made by mariadb-install-db, the server run as the mysql user on a
/// unix socket and a free loopback port. root@localhost authenticates by unix socket, as on the
/// Ubuntu members, so SQL runs as it does there: `mariadb --batch` as root, the SQL on stdin.
/// </summary>
public sealed class MariadbServerFixture : IAsyncLifetime
{
    private const string InstallDb = "/usr/bin/mariadb-install-db";
    private const string Server = "/usr/sbin/mariadbd";
    private const string Client = "/usr/bin/mariadb";
    private const string Admin = "/usr/bin/mariadb-admin";

    private readonly string dir = Path.Combine("/tmp", $"osinstall-mariadb-{Guid.NewGuid():N}");
    private ForegroundProcess? server;

    public string Socket => Path.Combine(dir, "mysqld.sock");

    public int Port { get; private set; }

    public async Task InitializeAsync()
    {
        Assert.True(Environment.UserName == "root", "the MariaDB test server is started as root (it then runs as the mysql user)");
        foreach (var tool in new[] { InstallDb, Server, Client, Admin })
        {
            Assert.True(File.Exists(tool), $"{tool} is missing: install tests/packages.d/galera.txt");
        }
        var data = Path.Combine(dir, "data");
        Directory.CreateDirectory(data);
        File.SetUnixFileMode(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        await MustAsync("/bin/chown", "-R", "mysql:mysql", dir);
        await MustAsync(InstallDb, "--no-defaults", "--user=mysql", "--datadir=" + data, "--auth-root-authentication-method=socket",
            "--skip-test-db");

        Port = FreePort();
        server = ForegroundProcess.Start("/usr/sbin/runuser", "-u", "mysql", "--", Server, "--no-defaults", "--datadir=" + data,
            "--socket=" + Socket, "--port=" + Port, "--bind-address=127.0.0.1", "--pid-file=" + Path.Combine(dir, "mysqld.pid"),
            "--log-error=" + Path.Combine(dir, "error.log"), "--skip-log-bin");
        for (var i = 0; i < 120; i++)
        {
            if (server.HasExited)
            {
                throw new InvalidOperationException($"mariadbd exited:\n{server.Log}\n{ReadLog()}");
            }
            if ((await ExternalTool.RunAsync(Admin, ["--socket=" + Socket, "ping"], CancellationToken.None)).Succeeded)
            {
                return;
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"mariadbd did not answer within 30 s:\n{ReadLog()}");
    }

    /// <summary>SQL as the engine runs it on a member: `mariadb --batch` as (socket-authenticated) root, the SQL on standard input.</summary>
    internal Task<ExternalTool.Result> RunAsRootAsync(string sql) =>
        ExternalTool.RunAsync(Client, ["--socket=" + Socket, "--batch"], CancellationToken.None, sql);

    /// <summary>Logs in over TCP as <paramref name="user"/> with <paramref name="password"/> (from a 0600 option file) and runs <paramref name="sql"/>.</summary>
    internal async Task<ExternalTool.Result> RunAsAsync(string user, string password, string sql, string? database = null)
    {
        var options = Path.Combine(dir, $"client-{Guid.NewGuid():N}.cnf");
        File.WriteAllText(options, "");
        File.SetUnixFileMode(options, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        await File.WriteAllTextAsync(options, $"[client]\nuser=\"{OptionValue(user)}\"\npassword=\"{OptionValue(password)}\"\n");
        try
        {
            string[] args = ["--defaults-extra-file=" + options, "--protocol=TCP", "--host=127.0.0.1", "--port=" + Port, "--batch", "--skip-column-names",
                .. database is null ? Array.Empty<string>() : ["--database=" + database]];
            return await ExternalTool.RunAsync(Client, args, CancellationToken.None, sql);
        }
        finally
        {
            File.Delete(options);
        }
    }

    public async Task DisposeAsync()
    {
        if (server is not null)
        {
            await ExternalTool.RunAsync(Admin, ["--socket=" + Socket, "shutdown"], CancellationToken.None);
            for (var i = 0; i < 80 && !server.HasExited; i++)
            {
                await Task.Delay(250);
            }
            server.Dispose();
        }
        if (Directory.Exists(dir))
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private string ReadLog()
    {
        var log = Path.Combine(dir, "error.log");
        return File.Exists(log) ? File.ReadAllText(log) : "";
    }

    // A double-quoted option-file value: the option-file reader unescapes \\ and \".
    private static string OptionValue(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);

    private static async Task MustAsync(string program, params string[] args)
    {
        var r = await ExternalTool.RunAsync(program, args, CancellationToken.None);
        Assert.True(r.Succeeded, $"{program} {string.Join(' ', args)}:\n{r.Output}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
