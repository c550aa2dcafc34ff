using OsInstall.Common.Targets;
using OsInstall.Tests.Dns;

namespace OsInstall.Tests.Bind;

/// <summary>
/// Just enough of an Alpine controller for the bind component's checks: apk, OpenRC, cp/mv/rm of
/// files, everything else succeeds. Files live in a <see cref="MemoryTarget"/>.
/// </summary>
internal sealed class FakeAlpineHost
{
    public FakeAlpineHost(string name)
    {
        Target = new MemoryTarget(name, Respond);
    }

    public MemoryTarget Target { get; }

    public bool Installed { get; set; }

    public bool Enabled { get; set; }

    public bool Running { get; set; }

    private static readonly CommandResult Ok = new(0, "", "", TimeSpan.Zero);

    private CommandResult Respond(string command)
    {
        var w = command.Split(' ');
        switch (command)
        {
            case "apk info -e bind":
                return Installed ? Ok with { StdOut = "bind\n" } : Ok with { ExitCode = 1 };
            case "apk add bind":
                Installed = true;
                return Ok;
            case "apk del bind":
                Installed = false;
                return Ok;
            case "rc-service named status":
                return Running ? Ok : Ok with { ExitCode = 3 };
            case "rc-service named start" or "rc-service named restart":
                Running = true;
                return Ok;
            case "rc-service named stop":
                Running = false;
                return Ok;
            case "rc-update show default":
                return Ok with { StdOut = Enabled ? " sshd | default\n named | default\n" : " sshd | default\n" };
            case "rc-update add named default":
                Enabled = true;
                return Ok;
            case "rc-update del named default":
                Enabled = false;
                return Ok;
        }
        if (w[0] == "cp" && w.Length == 4)
        {
            Target.Files[w[3]] = Target.Files[w[2]];
        }
        else if (w[0] == "mv" && w.Length == 4)
        {
            Target.Files[w[3]] = Target.Files[w[2]];
            Target.Files.Remove(w[2]);
        }
        else if (w[0] == "rm")
        {
            foreach (var dir in w.Skip(2))
            {
                foreach (var f in Target.Files.Keys.Where(k => k.StartsWith(dir + "/", StringComparison.Ordinal)).ToList())
                {
                    Target.Files.Remove(f);
                }
            }
        }
        return Ok;
    }
}
