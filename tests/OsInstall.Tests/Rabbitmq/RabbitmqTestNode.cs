using System.Diagnostics;
using System.Text;
using OsInstall.Common.Secrets;
using OsInstall.Common.Templates;
using OsInstall.Components.Rabbitmq;

namespace OsInstall.Tests.Rabbitmq;

/// <summary>
/// One real RabbitMQ node (Debian's rabbitmq-server, run from /usr/lib/rabbitmq/bin as a plain
/// process) configured from our rendered rabbitmq.conf and rabbitmq-env.conf, with its own HOME
/// (the Erlang cookie), ports and directories, and the test's own epmd.
/// </summary>
internal sealed class RabbitmqTestNode : IDisposable
{
    public const string BinDir = "/usr/lib/rabbitmq/bin";
    public const string Ctl = BinDir + "/rabbitmqctl";

    private readonly StringBuilder output = new();
    private Process? server;

    public RabbitmqTestNode(string root, string shortName, string cookie, int amqpPort, int distPort, int epmdPort, TemplateRenderer templates,
        string extraConfig = "")
    {
        Dir = Path.Combine(root, shortName);
        Directory.CreateDirectory(Home);
        Node = new RabbitmqNode($"{shortName}@localhost", Path.Combine(Dir, "mnesia"), Path.Combine(Dir, "log"), Path.Combine(Dir, "rabbitmq.conf"));
        File.WriteAllText(Node.ConfigFile, RabbitmqFiles.RenderConf(templates) + extraConfig);
        File.WriteAllText(EnvFile, RabbitmqFiles.RenderEnv(templates, Node));
        var cookieFile = Path.Combine(Home, ".erlang.cookie");
        File.WriteAllText(cookieFile, cookie);
        File.SetUnixFileMode(cookieFile, UnixFileMode.UserRead);
        Environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["HOME"] = Home,
            ["RABBITMQ_CONF_ENV_FILE"] = EnvFile,
            ["RABBITMQ_NODE_PORT"] = amqpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RABBITMQ_DIST_PORT"] = distPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ERL_EPMD_PORT"] = epmdPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RABBITMQ_PID_FILE"] = PidFile,
            ["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(Dir, "enabled_plugins"),
        };
    }

    public string Dir { get; }
    public string Home => Path.Combine(Dir, "home");
    public string EnvFile => Path.Combine(Dir, "rabbitmq-env.conf");
    public string PidFile => Path.Combine(Dir, "rabbitmq.pid");
    public RabbitmqNode Node { get; }
    public Dictionary<string, string> Environment { get; }
    public RabbitmqCtl Commands { get; } = new(Ctl);

    /// <summary>What the server printed (its console log: our rabbitmq.conf logs to the console).</summary>
    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    /// <summary>
    /// Starts the server and waits until it has booted. rabbitmq-server exits 0 even when the node
    /// refuses its config, so success is what rabbitmqctl wait says about the pid file's node.
    /// </summary>
    public async Task StartAsync()
    {
        var psi = new ProcessStartInfo(Path.Combine(BinDir, "rabbitmq-server"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var (k, v) in Environment)
        {
            psi.Environment[k] = v;
        }
        server = Process.Start(psi)!;
        server.OutputDataReceived += (_, e) => Append(e.Data);
        server.ErrorDataReceived += (_, e) => Append(e.Data);
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        // A node that refuses its config ends at once: stop waiting then rather than at the timeout.
        using var serverEnded = new CancellationTokenSource();
        var exited = server.WaitForExitAsync(serverEnded.Token);
        var wait = RunAsync($"{Ctl} wait --timeout 180 {PidFile}", TimeSpan.FromMinutes(4), serverEnded.Token);
        if (await Task.WhenAny(wait, exited) == exited)
        {
            await serverEnded.CancelAsync();
            await wait;
            server.WaitForExit();
            throw new InvalidOperationException($"{Node.NodeName} did not boot: rabbitmq-server ended (exit {server.ExitCode})\n--- server ---\n{Output}");
        }
        await serverEnded.CancelAsync();
        var (exit, output) = await wait;
        if (exit != 0)
        {
            throw new InvalidOperationException($"{Node.NodeName} did not boot (rabbitmqctl wait exit {exit}): {output}\n--- server ---\n{Output}");
        }
    }

    /// <summary>A command line run by sh with this node's environment (HOME, node name, ports), as the component's commands run in a container.</summary>
    public async Task<(int Exit, string Output)> RunAsync(string command, TimeSpan? timeout = null, CancellationToken stop = default)
    {
        var psi = new ProcessStartInfo("/bin/sh")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Dir,
        };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(command);
        foreach (var (k, v) in Environment)
        {
            psi.Environment[k] = v;
        }
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(stop);
        cts.CancelAfter(timeout ?? TimeSpan.FromMinutes(3));
        try
        {
            await p.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            p.Kill(entireProcessTree: true);
            await p.WaitForExitAsync(CancellationToken.None);
            if (stop.IsCancellationRequested)
            {
                return (-1, await stdout + await stderr);
            }
            throw new TimeoutException($"{command} did not finish: {await stdout}{await stderr}");
        }
        return (p.ExitCode, await stdout + await stderr);
    }

    /// <summary>The node's OS process id from its pid file (0 when there is none).</summary>
    public int Pid => File.Exists(PidFile) && int.TryParse(File.ReadAllText(PidFile).Trim(), out var pid) ? pid : 0;

    public bool ServerRunning => server is { HasExited: false };

    /// <summary>Ends the server and everything it started (beam, erl_child_setup, inet_gethost).</summary>
    public void Dispose()
    {
        if (server is null)
        {
            return;
        }
        try
        {
            if (!server.HasExited)
            {
                server.Kill(entireProcessTree: true);
                server.WaitForExit(30_000);
            }
        }
        catch (InvalidOperationException)
        {
        }
        server.Dispose();
        server = null;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (output)
        {
            output.AppendLine(line);
        }
    }

    /// <summary>A fresh Erlang cookie as the secrets file generates it.</summary>
    public static string NewCookie() => SecretsFile.Generate(SecretKind.Password);
}
