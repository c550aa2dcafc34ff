using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using OsInstall.Common.Shell;
using OsInstall.Common.Targets;
using OsInstall.Components;
using OsInstall.Components.Postgres;

namespace OsInstall.Tests.Postgres;

/// <summary>
/// Debian's PostgreSQL (tests/packages.d/postgres.txt) run as the OS user postgres in temp dirs on
/// loopback ports, configured by the component's own code: the same settings record with
/// addresses, ports and paths for loopback, and pg_ctl in place of OpenRC.
/// </summary>
internal static class LoopbackPostgres
{
    public static string BinDir { get; } = FindBinDir();

    public static bool Available => BinDir.Length > 0;

    public static string Version => Path.GetFileName(Path.GetDirectoryName(BinDir)!);

    /// <summary>Runs commands on this machine, inside a member being this machine (commands under their own sh, so stdin reaches all of it).</summary>
    public static MemberTarget Member(string name) =>
        new(new LocalTarget("localhost", TimeSpan.FromMinutes(3)), name, c => "/bin/sh -c " + Sh.Quote(c));

    /// <summary>A directory the OS user postgres owns (temp dirs are private to root).</summary>
    public static string OwnedDir(string path)
    {
        Directory.CreateDirectory(path);
        Run("chown", "postgres:postgres", path);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        return path;
    }

    /// <summary>Settings of member <paramref name="name"/> under <paramref name="root"/>, listening on 127.0.0.1:<paramref name="port"/>.</summary>
    public static PostgresSettings Settings(string root, string name, int port)
    {
        var dir = OwnedDir(Path.Combine(root, name));
        var data = Path.Combine(dir, "data");
        var log = Path.Combine(dir, "server.log");
        string PgCtl(params string[] args) => Sh.Join([Path.Combine(BinDir, "pg_ctl"), .. args]);
        var status = PgCtl("status", "-D", data) + " >/dev/null 2>&1";
        // Our config logs to syslog; the test server's log goes to a file so a failure can show it.
        var start = PgCtl("start", "-w", "-t", "60", "-D", data, "-l", log, "-o", "-c log_destination=stderr");
        return new PostgresSettings
        {
            Version = Version,
            BinDir = BinDir,
            DataDir = data,
            ConfDir = OwnedDir(Path.Combine(dir, "etc")),
            SocketDir = OwnedDir(Path.Combine(dir, "run")),
            Port = port,
            ListenAddresses = "127.0.0.1",
            PgPassFile = Path.Combine(dir, "pgpass"),
            Service = new PostgresService(
                "true",
                PostgresCommands.AsPostgres($"{status} || {start}"),
                PostgresCommands.AsPostgres($"if {status}; then {PgCtl("restart", "-w", "-t", "60", "-m", "fast", "-D", data, "-l", log, "-o", "-c log_destination=stderr")}; else {start}; fi"),
                PostgresCommands.AsPostgres($"if {status}; then {PgCtl("stop", "-w", "-m", "fast", "-D", data)}; fi")),
        };
    }

    public static IReadOnlyList<int> FreePorts(int count)
    {
        var ports = new List<int>();
        while (ports.Count < count)
        {
            using var tcp = new TcpListener(IPAddress.Loopback, 0);
            tcp.Start();
            var port = ((IPEndPoint)tcp.LocalEndpoint).Port;
            if (!ports.Contains(port))
            {
                ports.Add(port);
            }
        }
        return ports;
    }

    /// <summary>psql as the superuser over the member's socket (as root, through pg_ident's map, as keepalived's scripts do); stdout.</summary>
    public static string Psql(PostgresSettings s, string sql) => Sh0(PostgresCommands.LocalPsql(s, "-c", sql)).Trim();

    /// <summary>A service user's login over TCP with its password (PGPASSWORD in the environment of this process only).</summary>
    public static (int Exit, string Output) PsqlAs(int port, string user, string password, string database, string sql) =>
        PsqlOverTcp(port, user, database, sql, new Dictionary<string, string> { ["PGPASSWORD"] = password, ["PGPASSFILE"] = "/dev/null" });

    /// <summary>A login over TCP whose password libpq reads from <paramref name="passFile"/> (a .pgpass file).</summary>
    public static (int Exit, string Output) PsqlWithPassFile(int port, string user, string passFile, string database, string sql) =>
        PsqlOverTcp(port, user, database, sql, new Dictionary<string, string> { ["PGPASSFILE"] = passFile });

    private static (int Exit, string Output) PsqlOverTcp(int port, string user, string database, string sql, Dictionary<string, string> environment)
    {
        var psi = new ProcessStartInfo(Path.Combine(BinDir, "psql"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "-X", "-A", "-t", "-q", "-w", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", user, "-d", database, "-c", sql })
        {
            psi.ArgumentList.Add(a);
        }
        psi.Environment.Remove("PGPASSWORD");
        foreach (var (name, value) in environment)
        {
            psi.Environment[name] = value;
        }
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, output.Trim());
    }

    public static string Sh0(string command)
    {
        var (exit, stdout, stderr) = Run("/bin/sh", "-c", command);
        return exit == 0 ? stdout : throw new InvalidOperationException($"exit {exit}: {command}\n{stdout}{stderr}");
    }

    public static (int Exit, string StdOut, string StdErr) Run(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        // No test waits on a server for ever (a synchronous commit without a standby would).
        if (!p.WaitForExit(TimeSpan.FromSeconds(90)))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"still running after 90 s: {file} {string.Join(' ', args)}");
        }
        return (p.ExitCode, stdout.Result, stderr.Result);
    }

    public static OsInstall.Common.Templates.TemplateRenderer Templates => ComponentCatalog.Templates;

    private static string FindBinDir()
    {
        const string root = "/usr/lib/postgresql";
        if (!Directory.Exists(root))
        {
            return "";
        }
        return Directory.GetDirectories(root)
            .Select(d => Path.Combine(d, "bin"))
            .Where(d => File.Exists(Path.Combine(d, "postgres")))
            .OrderByDescending(d => d, StringComparer.Ordinal)
            .FirstOrDefault() ?? "";
    }
}
